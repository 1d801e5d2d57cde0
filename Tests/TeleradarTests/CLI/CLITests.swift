import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("teleradar command line")
struct CLITests {
    @Test(
        "bad configuration gives one clear line and a non-zero exit",
        arguments: [
            ("DATABASE_URL", "mysql://db/x", "DATABASE_URL"),
            ("DATABASE_URL", "postgres://", "DATABASE_URL"),
            ("HTTP_PORT", "70000", "HTTP_PORT"),
            ("LOG_FORMAT", "yaml", "LOG_FORMAT"),
        ])
    func badConfiguration(key: String, value: String, named: String) throws {
        let cli = try CLIRunner.make()
        defer { cli.cleanUp() }
        let result = try cli.run(["migrate"], extraEnvironment: [key: value])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("error: configuration error: \(named)") == true)
    }

    @Test("migrate twice: the second run is a no-op; a newer database is refused")
    func migrateTwice() throws {
        let cli = try CLIRunner.make()
        defer { cli.cleanUp() }
        let first = try cli.run(["migrate"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("applied 1: data model"))
        let second = try cli.run(["migrate", "--json"])
        #expect(second.status == 0)
        #expect(second.stdout.contains(#""applied" : ["#) && second.stdout.contains("[\n\n  ]") || second.stdout.contains("[]"))
        let third = try cli.run(["migrate"])
        #expect(third.stdout.contains("up to date"))
        // Pretend a newer Teleradar migrated this database.
        let sqlite = cli.workingDirectory.appendingPathComponent("data/teleradar.sqlite").path
        let bump = Process()
        bump.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        bump.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"insert into schema_migrations values (99,'future',0)\"); c.commit()", sqlite]
        try bump.run()
        bump.waitUntilExit()
        #expect(bump.terminationStatus == 0)
        let refused = try cli.run(["migrate"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("newer than this Teleradar knows"))
    }

    @Test("admin commands create invites, grant tiers, make admins and print a token once")
    func admin() throws {
        let cli = try CLIRunner.make()
        defer { cli.cleanUp() }
        let invite = try cli.run(["admin", "create-invite", "--tier", "trial", "--max-uses", "2", "--days", "7", "--trial-days", "14"])
        #expect(invite.status == 0, "\(invite.stderr)")
        let code = invite.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(code.count == 12 && code.allSatisfy { $0.isUppercase || $0.isNumber })
        let badTier = try cli.run(["admin", "create-invite", "--tier", "gold"])
        #expect(badTier.status != 0)
        #expect(badTier.stderr.contains("unknown tier 'gold'"))
        let grant = try cli.run(["admin", "grant", "424242", "premium", "--days", "30"])
        #expect(grant.status == 0)
        #expect(grant.stdout.contains("user 424242 is now premium until"))
        let admin = try cli.run(["admin", "make-admin", "424242", "--json"])
        #expect(admin.stdout.contains(#""role" : "admin""#))
        let token = try cli.run(["admin", "create-token", "424242"])
        #expect(token.status == 0)
        #expect(token.stdout.hasPrefix("trk_"))
        let doctor = try cli.run(["doctor", "--json"])
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        #expect(!doctor.stdout.contains(token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test("serve answers /health with the database ok and stops cleanly on SIGTERM")
    func serve() async throws {
        let cli = try CLIRunner.make()
        defer { cli.cleanUp() }
        let port = Int.random(in: 20_000...40_000)
        let (process, _, err) = try cli.start(["serve"], extraEnvironment: ["HTTP_PORT": "\(port)"])
        defer { if process.isRunning { process.terminate() } }
        var body: [String: Any]?
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(100))
            guard let url = URL(string: "http://127.0.0.1:\(port)/health"),
                let (data, response) = try? await URLSession.shared.data(from: url)
            else { continue }
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            body = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            break
        }
        let health = try #require(body, "serve never answered: \(String(decoding: err.fileHandleForReading.availableData, as: UTF8.self))")
        #expect((health["database"] as? [String: Any])?["status"] as? String == "ok")
        process.terminate()  // SIGTERM
        for _ in 0..<200 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        try #require(!process.isRunning, "serve did not stop within 10 s of SIGTERM")
        #expect(process.terminationStatus == 0)
    }
}
