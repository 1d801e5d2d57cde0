/// Namespace marker of the TeleradarAI target (embedders, chat models, prompts, answerers).
package enum TeleradarAIModule {}
