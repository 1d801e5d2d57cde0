import ArgumentParser
import Foundation
import TeleradarApp
import TeleradarStorage

/// `teleradar doctor`: checks configuration, database, native libraries and the data folder.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check configuration, database, native libraries and the data folder.")

    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    struct Check: Encodable {
        var name: String
        var ok: Bool
        var detail: String
    }

    struct Report: Encodable {
        var configuration: [String: String]
        var checks: [Check]
        var ok: Bool
    }

    func run() async throws {
        let config = try await CommandSupport.loadConfig(envFile: global.envFile)
        let logger = CommandSupport.logger(for: config, quiet: true)
        var checks: [Check] = []

        let dataDir = config.dataDirectory
        do {
            try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
            let probe = (dataDir as NSString).appendingPathComponent(".doctor-\(UUID().uuidString)")
            try Data().write(to: URL(fileURLWithPath: probe))
            try FileManager.default.removeItem(atPath: probe)
            checks.append(Check(name: "data folder", ok: true, detail: "\(dataDir) is writable"))
        } catch {
            checks.append(Check(name: "data folder", ok: false, detail: "\(dataDir): \(error.localizedDescription)"))
        }

        do {
            let database = try await Database.open(config.database, logger: logger)
            let latency = try await database.ping()
            let migrator = Migrator(database: database)
            let version = try await migrator.appliedVersions().max() ?? 0
            await database.shutdown()
            let state =
                version == migrator.latestVersion
                ? "schema \(version), up to date"
                : version > migrator.latestVersion
                    ? "schema \(version) is NEWER than this build (\(migrator.latestVersion))"
                    : "schema \(version), \(migrator.latestVersion - version) migration(s) pending (teleradar migrate)"
            checks.append(
                Check(
                    name: "database", ok: version <= migrator.latestVersion,
                    detail: "\(config.database.description) reachable in \(latency.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1)))); \(state)"))
        } catch {
            checks.append(Check(name: "database", ok: false, detail: CommandSupport.describe(error)))
        }

        do {
            _ = try SecretKeyStore.load(config: config, logger: logger)
            checks.append(
                Check(
                    name: "encryption key", ok: true,
                    detail: config.encryptionKey == nil ? "\(dataDir)/secret.key" : "from ENCRYPTION_KEY"))
        } catch {
            checks.append(Check(name: "encryption key", ok: false, detail: CommandSupport.describe(error)))
        }

        for library in NativeLibraries().report {
            checks.append(Check(name: library.name, ok: library.path != nil, detail: library.path ?? "missing: \(library.hint)"))
        }

        let essential = Set(["data folder", "database", "encryption key"])
        let ok = checks.filter { essential.contains($0.name) }.allSatisfy(\.ok)
        if json {
            try CommandSupport.printJSON(
                Report(configuration: Dictionary(uniqueKeysWithValues: config.redactedSummary), checks: checks, ok: ok))
        } else {
            print("Configuration:")
            for (key, value) in config.redactedSummary { print("  \(key)=\(value)") }
            print("Checks:")
            for check in checks { print("  [\(check.ok ? "ok" : "!!")] \(check.name): \(check.detail)") }
            print(ok ? "All essential checks passed." : "Some essential checks failed.")
        }
        if !ok { throw ExitCode.failure }
    }
}
