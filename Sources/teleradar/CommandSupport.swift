import ArgumentParser
import Foundation
import Logging
import TeleradarApp
import TeleradarCore
import TeleradarStorage

/// Shared start-up of every subcommand: configuration, logging, the database.
enum CommandSupport {
    /// Loads the configuration or exits with one clear line.
    static func loadConfig(envFile: String?) async throws -> AppConfig {
        do {
            return try await AppConfig.load(envFile: envFile ?? ".env")
        } catch {
            fail(error.description)
        }
    }

    /// Bootstraps logging once.
    static func logger(for config: AppConfig, quiet: Bool = false) -> Logger {
        LoggingSetup.bootstrap(level: quiet ? max(config.logLevel, .warning) : config.logLevel, format: config.logFormat)
        return Logger(label: "teleradar")
    }

    /// Runs `body` with a bootstrapped context, printing failures as one line and exiting non-zero.
    static func withContext<T>(
        envFile: String?, quiet: Bool = true, migrate: Bool = true, embeddings: Bool = false,
        _ body: (AppContext) async throws -> T
    ) async throws -> T {
        let config = try await loadConfig(envFile: envFile)
        let logger = logger(for: config, quiet: quiet)
        let context: AppContext
        do {
            context = try await AppContext.bootstrap(config: config, logger: logger, migrate: migrate, embeddings: embeddings)
        } catch {
            fail(describe(error))
        }
        do {
            let result = try await body(context)
            await context.shutdown()
            return result
        } catch let exit as ExitCode {
            await context.shutdown()
            throw exit
        } catch {
            await context.shutdown()
            fail(describe(error))
        }
    }

    /// A human description of any error.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as any CustomStringConvertible where !(error is NSError): error.description
        default: String(describing: error)
        }
    }

    /// Prints `error: message` to standard error and exits with status 1.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(1)
    }

    /// Prints a value as pretty JSON.
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// Options every subcommand accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Path of the .env file to read (default: ./.env when present).")
    var envFile: String?
}
