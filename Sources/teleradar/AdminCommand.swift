import ArgumentParser
import Foundation
import TeleradarApp
import TeleradarCore

/// `teleradar admin …`: invites, tiers, roles and API tokens from the shell.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Administer users, invites and API tokens.",
        subcommands: [CreateInvite.self, Grant.self, MakeAdmin.self, CreateToken.self])

    struct CreateInvite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-invite", abstract: "Create an invite code and print it.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Tier granted: free, trial, basic, premium, enterprise.") var tier: String
        @Option(help: "How many users may redeem it (1–1000000).") var maxUses: Int = 1
        @Option(help: "Days the code can be redeemed (1–3650).") var days: Int = 7
        @Option(help: "Days the granted tier lasts (default: the tier's duration).") var trialDays: Int?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let tier = try parseTier(tier)
            let invite = try await CommandSupport.withContext(envFile: global.envFile) { context in
                try await context.accounts.createInvite(
                    tier: tier, maxUses: maxUses, validDays: days, trialDays: trialDays, createdBy: nil)
            }
            if json { try CommandSupport.printJSON(invite) } else { print(invite.code) }
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant", abstract: "Give a user a tier (for the tier's duration or --days).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's Telegram id.") var telegramID: Int64
        @Argument(help: "Tier: free, trial, basic, premium, enterprise.") var tier: String
        @Option(help: "Days the tier lasts (1–3650).") var days: Int?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let tier = try parseTier(tier)
            let user = try await CommandSupport.withContext(envFile: global.envFile) { context in
                try await context.accounts.grant(telegramID: telegramID, tier: tier, days: days, by: nil)
            }
            if json {
                try CommandSupport.printJSON(user)
            } else {
                let until = user.tierExpiresAt.map { " until \($0.formatted(.iso8601))" } ?? ""
                print("user \(user.telegramID) is now \(user.tier.rawValue)\(until)")
            }
        }
    }

    struct MakeAdmin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "make-admin", abstract: "Give a user the admin role.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's Telegram id.") var telegramID: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let user = try await CommandSupport.withContext(envFile: global.envFile) { context in
                try await context.accounts.makeAdmin(telegramID: telegramID, by: nil)
            }
            if json { try CommandSupport.printJSON(user) } else { print("user \(user.telegramID) is now an admin") }
        }
    }

    struct CreateToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-token", abstract: "Create an API token for a user; it is printed once, only its hash is kept.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's Telegram id.") var telegramID: Int64
        @Option(help: "A name to recognise the token by.") var name: String = ""
        @Flag(help: "Print JSON.") var json = false

        struct Output: Encodable {
            var token: String
            var id: Int64
            var userTelegramID: Int64
            enum CodingKeys: String, CodingKey {
                case token, id
                case userTelegramID = "user_telegram_id"
            }
        }

        func run() async throws {
            let (token, record) = try await CommandSupport.withContext(envFile: global.envFile) { context in
                _ = try await context.accounts.register(.init(telegramID: telegramID))
                return try await context.accounts.createToken(telegramID: telegramID, name: name)
            }
            if json {
                try CommandSupport.printJSON(Output(token: token, id: record.id, userTelegramID: telegramID))
            } else {
                print(token)
            }
        }
    }
}

/// Parses a tier argument with a clear message.
func parseTier(_ name: String) throws -> Tier {
    do {
        return try Tier(parsing: name)
    } catch {
        throw ValidationError(error.description)
    }
}
