import Foundation

/// Where the database lives, parsed from `DATABASE_URL`.
package enum DatabaseConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file (the embedded default).
    case sqlite(path: String)
    /// A PostgreSQL server.
    case postgres(PostgresSettings)

    /// Connection settings of a PostgreSQL server.
    package struct PostgresSettings: Sendable, Equatable {
        package var host: String
        package var port: Int
        package var username: String
        package var password: String?
        package var database: String
        /// `disable` (default for localhost), `prefer` or `require`.
        package var tls: String
        package var maxConnections: Int
    }

    /// The default: `sqlite:///./data/teleradar.sqlite`, relative to the data directory's parent.
    package static func defaultSQLite(dataDirectory: String) -> DatabaseConfiguration {
        .sqlite(path: (dataDirectory as NSString).appendingPathComponent("teleradar.sqlite"))
    }

    /// Parses `sqlite:///relative/or/abs/path`, `sqlite:relative`, `postgres://user:pass@host:port/db?sslmode=…`
    /// (also `postgresql://`). Errors name what is wrong, never echo a password.
    package init(url raw: String) throws(DatabaseConfigurationError) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            // sqlite:///./data/x.sqlite → "/./data/x.sqlite": a leading "/." means relative.
            if path.hasPrefix("/./") || path.hasPrefix("/../") { path = String(path.dropFirst()) }
            guard !path.isEmpty, path != "/" else { throw .invalid("sqlite URL has no file path") }
            if path == ":memory:" || path == "/:memory:" {
                throw .invalid("in-memory SQLite is not supported; use a file path")
            }
            self = .sqlite(path: path)
            return
        }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
            let scheme = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            throw .invalid(
                scheme.isEmpty || scheme == text
                    ? "DATABASE_URL must start with sqlite:// or postgres://"
                    : "unsupported scheme '\(scheme)'; use sqlite:// or postgres://")
        }
        guard let components = URLComponents(string: text) else {
            throw .invalid("DATABASE_URL is not a valid URL")
        }
        guard let host = components.host, !host.isEmpty else { throw .invalid("postgres URL has no host") }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !database.isEmpty else { throw .invalid("postgres URL has no database name (…/dbname)") }
        guard let user = components.user, !user.isEmpty else { throw .invalid("postgres URL has no user name") }
        if let port = components.port, !(1...65535).contains(port) { throw .invalid("postgres port out of range") }
        var tls = ["localhost", "127.0.0.1", "::1"].contains(host) ? "disable" : "prefer"
        var maxConnections = 10
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, ["disable", "prefer", "require"].contains(value) else {
                    throw .invalid("sslmode must be disable, prefer or require")
                }
                tls = value
            case "max_connections":
                guard let value = item.value.flatMap(Int.init), (1...500).contains(value) else {
                    throw .invalid("max_connections must be a number from 1 to 500")
                }
                maxConnections = value
            default:
                throw .invalid("unknown postgres URL parameter '\(item.name)'")
            }
        }
        self = .postgres(
            PostgresSettings(
                host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
                password: components.password?.removingPercentEncoding, database: database, tls: tls,
                maxConnections: maxConnections))
    }

    /// A description safe for logs and `doctor`: the password is redacted.
    package var description: String {
        switch self {
        case .sqlite(let path): "sqlite://\(path)"
        case .postgres(let s):
            "postgres://\(s.username)\(s.password == nil ? "" : ":***")@\(s.host):\(s.port)/\(s.database)?sslmode=\(s.tls)"
        }
    }
}

/// A malformed `DATABASE_URL`.
package enum DatabaseConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)
    package var description: String {
        switch self {
        case .invalid(let message): "invalid DATABASE_URL: \(message)"
        }
    }
}
