import ArgumentParser

/// The `teleradar` command: serve by default, plus maintenance and admin subcommands.
@main
struct Teleradar: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teleradar",
        abstract: "Self-hosted Telegram intelligence server.",
        discussion: """
            Configuration comes from environment variables and an optional .env file in the working \
            directory (see README.md). Without any, Teleradar uses SQLite in ./data and serves on \
            127.0.0.1:8010.
            """,
        version: "0.1.0",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, ImportCommand.self, IngestCommand.self, SearchCommand.self,
            AskCommand.self, ReindexCommand.self, BenchCommand.self, DoctorCommand.self,
            AdminCommand.self,
        ],
        defaultSubcommand: ServeCommand.self)
}
