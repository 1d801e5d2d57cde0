import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import TeleradarApp
import TeleradarBot
import TeleradarHTTP
import TeleradarTelegram

/// `teleradar serve`: the HTTP server (and, as they arrive, workers and the bot) in one service group.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the server (HTTP API, workers, bot). This is the default command.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Do not serve HTTP (run workers/bot only).")
    var noHttp = false
    @Flag(name: .long, help: "Do not run the Telegram bot.")
    var noBot = false
    @Flag(name: .long, help: "Do not run background workers and schedules.")
    var noWorkers = false

    func run() async throws {
        let config = try await CommandSupport.loadConfig(envFile: global.envFile)
        let logger = CommandSupport.logger(for: config)
        TeleradarMetrics.bootstrap()
        let context: AppContext
        do {
            context = try await AppContext.bootstrap(config: config, logger: logger, embeddings: !noWorkers || !noHttp)
        } catch {
            CommandSupport.fail(CommandSupport.describe(error))
        }
        var interfaces: [any Service] = []
        var webhook: BotWebhookEndpoint?
        if !noBot, let token = config.botToken {
            if case .webhook = config.botDelivery, noHttp {
                CommandSupport.fail(
                    "BOT_MODE=webhook needs the HTTP server (POST /bot/webhook): drop --no-http or use BOT_MODE=polling"
                )
            }
            let client = BotAPIClient(
                token: token, baseURL: config.telegramBotAPIBaseURL,
                transport: HTTPClientBotAPITransport(httpClient: context.http),
                logger: logger)
            let bot = BotService(context: context, client: client, delivery: config.botDelivery)
            webhook = bot.webhookEndpoint
            interfaces.append(bot)
        }
        if !noHttp { interfaces.append(buildApplication(context: context, webhook: webhook)) }
        var workers: [any Service] = []
        if !noWorkers {
            workers.append(MaintenanceService(context: context))
            workers.append(
                ParseScheduler(
                    ingestion: context.ingestion, database: context.database,
                    interval: .seconds(60 * config.parseIntervalMinutes), logger: logger))
            if let vectors = context.vectorSearch {
                workers.append(IndexWorker(vectors: vectors, database: context.database, logger: logger))
            }
        }
        if interfaces.isEmpty, workers.isEmpty {
            CommandSupport.fail("nothing to run: --no-http, --no-workers and no bot leave no service")
        }
        // Users' TDLib sessions: resumed at start, logins through the API, live updates until shutdown.
        workers.insert(context.telegramSessions, at: 0)
        logger.info(
            "starting teleradar",
            metadata: [
                "version": "\(TeleradarVersion.current)", "database": "\(config.database)",
                "http": "\(noHttp ? "off" : "\(config.httpHost):\(config.httpPort)")",
                "bot": "\(noBot || config.botToken == nil ? "off" : config.botDelivery.mode.rawValue)",
            ])
        let group = buildServiceGroup(context: context, workers: workers, interfaces: interfaces)
        do {
            try await group.run()
        } catch {
            CommandSupport.fail(CommandSupport.describe(error))
        }
    }
}
