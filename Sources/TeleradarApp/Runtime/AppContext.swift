import AsyncHTTPClient
import Foundation
import Logging
import TeleradarCore
import TeleradarStorage
import TeleradarTelegram

/// Everything the interfaces (HTTP, bot, CLI) need, built once by the composition root.
package struct AppContext: Sendable {
    package let config: AppConfig
    package let logger: Logger
    package let database: Database
    package let secrets: SecretBox
    package let accounts: AccountService
    package let quotas: QuotaService
    package let jobs: JobQueue
    package let leases: LeaseStore
    package let cache: KVCache
    package let startedAt: Date
    /// The shared HTTP client for outbound calls (Telegram, model providers).
    package let http: HTTPClient
    /// Fetching and storing channel posts.
    package let ingestion: IngestionService
    /// Following channels.
    package let channels: ChannelService
    /// Desktop export imports.
    package let importer: ImportService
    /// The vector side of search (nil without an embedder: keyword search only).
    package let vectorSearch: VectorSearch?
    /// Hybrid retrieval.
    package let retrieval: RetrievalService
    /// Answers with sources.
    package let answers: AnswerService
    /// Users' TDLib sessions (QR login, live updates); also a `Service` that `serve` runs.
    package let telegramSessions: TDLibSessionManager

    /// Opens the database, applies migrations (unless `migrate` is false), loads and checks the secrets key.
    /// With `embeddings`, the embedder is loaded and the vector index rebuilt from the database (what
    /// `serve`, `ask`, `search` and `reindex` need; other commands skip the cost). `sessions` replaces the TDLib
    /// session options (tests inject a fake TDLib transport and short lifetimes).
    package static func bootstrap(
        config: AppConfig, logger: Logger, migrate: Bool = true, embeddings: Bool = false,
        sessions: TDLibSessionManager.Options = TDLibSessionManager.Options()
    ) async throws -> AppContext {
        let database = try await Database.open(config.database, logger: logger)
        do {
            let migrator = Migrator(database: database)
            if migrate {
                try await migrator.migrate()
            } else if let newest = try await migrator.appliedVersions().max(), newest > migrator.latestVersion {
                throw StorageError.schemaTooNew(databaseVersion: newest, knownVersion: migrator.latestVersion)
            }
            let secrets = try SecretKeyStore.load(config: config, logger: logger)
            let cache = KVCache(database: database)
            if migrate { try await SecretKeyStore.verify(secrets, cache: cache) }
            let http = HTTPClient.shared
            let quotas = QuotaService(database: database)
            let source = WebPreviewSource(http: http, baseURL: config.telegramWebBaseURL, logger: logger)
            var ingestion = IngestionService(database: database, source: source, logger: logger)
            ingestion.floodWaitCap = .seconds(config.floodWaitCapSeconds)
            var vectorSearch: VectorSearch?
            if embeddings, let embedder = await config.models.makeEmbedder(http: http, logger: logger) {
                let search = VectorSearch(embedder: embedder, database: database, logger: logger)
                let loaded = try await search.loadIndex()
                logger.info("vector index loaded", metadata: ["vectors": "\(loaded)", "model": "\(embedder.modelID)"])
                vectorSearch = search
            }
            let retrieval = RetrievalService(database: database, vectors: vectorSearch)
            let answers = AnswerService(
                retrieval: retrieval, chatModel: config.models.makeChatModel(http: http, logger: logger),
                quotas: quotas,
                database: database, logger: logger)
            let telegramSessions = TDLibSessionManager(
                credentials: config.telegramAPI,
                store: TDLibSessionStore(dataDirectory: config.dataDirectory, secrets: secrets, cache: cache),
                database: database, vectorIndex: vectorSearch?.index, options: sessions, logger: logger)
            ingestion.sessionSource = { channel in await telegramSessions.channelSource(subscribedTo: channel.id) }
            var channels = ChannelService(database: database, quotas: quotas, ingestion: ingestion, logger: logger)
            channels.sessionSource = { userID in await telegramSessions.channelSource(userID: userID) }
            return AppContext(
                config: config, logger: logger, database: database, secrets: secrets,
                accounts: AccountService(database: database, logger: logger), quotas: quotas,
                jobs: JobQueue(database: database), leases: LeaseStore(database: database), cache: cache,
                startedAt: Date(), http: http, ingestion: ingestion,
                channels: channels,
                importer: ImportService(database: database, logger: logger), vectorSearch: vectorSearch,
                retrieval: retrieval, answers: answers, telegramSessions: telegramSessions)
        } catch {
            await database.shutdown()
            throw error
        }
    }

    /// Closes the database.
    package func shutdown() async { await database.shutdown() }
}
