/// What the HTTP server needs to accept Telegram's webhook calls: the secret to check and where to hand
/// the decoded updates. Built by the bot in webhook mode and passed to `buildApplication(context:webhook:)`.
package struct BotWebhookEndpoint: Sendable {
    /// The route path Telegram posts to (the path of `BOT_WEBHOOK_URL` behind a reverse proxy).
    package static let path = "/bot/webhook"

    /// The secret expected in `X-Telegram-Bot-Api-Secret-Token`.
    package let secret: BotWebhookSecret
    /// Takes one verified update; must return quickly (the handling runs later), so Telegram gets its 200
    /// without waiting for the bot's replies.
    package let receive: @Sendable (BotAPI.Update) async -> Void

    /// An endpoint checking `secret` and handing updates to `receive`.
    package init(secret: BotWebhookSecret, receive: @escaping @Sendable (BotAPI.Update) async -> Void) {
        self.secret = secret
        self.receive = receive
    }
}
