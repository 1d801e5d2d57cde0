import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A log handler writing one JSON object per line to standard error (`LOG_FORMAT=json`), keys sorted.
///
/// Lines are built by hand (escaping per RFC 8259) and written with one `write(2)` each: `JSONSerialization`,
/// `Date.formatted` and `FileHandle` cost more than the request a line describes (the per-request log line
/// cut HTTP throughput by three quarters with them).
package struct JSONLogHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level
    private let label: String
    private let sink: @Sendable (String) -> Void

    /// A handler writing to standard error, or to `sink` (tests).
    package init(label: String, level: Logger.Level, sink: (@Sendable (String) -> Void)? = nil) {
        self.label = label
        logLevel = level
        self.sink = sink ?? Self.writeToStandardError
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        sink(Self.line(event: event, label: label, metadata: metadata))
    }

    /// The JSON line (with its newline) for an event.
    package static func line(event: LogEvent, label: String, metadata: Logger.Metadata, now: Date = Date()) -> String {
        var fields: [(String, String)] = [
            ("level", quote(event.level.rawValue)), ("logger", quote(label)), ("msg", quote(event.message.description)),
            ("ts", quote(timestamp(now))),
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged where !["level", "logger", "msg", "ts", "source"].contains(key) {
            fields.append((key, render(value)))
        }
        if event.level >= .error { fields.append(("source", quote("\(event.file):\(event.line)"))) }
        fields.sort { $0.0 < $1.0 }
        var line = "{"
        line.reserveCapacity(256)
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { line += "," }
            line += quote(key)
            line += ":"
            line += value
        }
        line += "}\n"
        return line
    }

    private static func render(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let string): quote(string)
        case .stringConvertible(let convertible): quote(convertible.description)
        case .array(let array): "[" + array.map(render).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            "{"
                + dictionary.sorted { $0.key < $1.key }.map { quote($0.key) + ":" + render($0.value) }.joined(
                    separator: ",") + "}"
        }
    }

    /// A JSON string literal.
    package static func quote(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// `2026-11-22T03:39:44.840Z` (UTC, milliseconds).
    package static func timestamp(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(millis / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-" + pad(parts.tm_mday, 2) + "T"
            + pad(parts.tm_hour, 2) + ":" + pad(parts.tm_min, 2) + ":" + pad(parts.tm_sec, 2) + "."
            + pad(Int32(millis % 1000), 3) + "Z"
    }

    /// One `write(2)` per line, so concurrent lines never interleave (up to the pipe's atomic size).
    private static let writeToStandardError: @Sendable (String) -> Void = { line in
        var line = line
        line.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

/// Sets up swift-log once per process according to the configuration.
package enum LoggingSetup {
    package static func bootstrap(level: Logger.Level, format: AppConfig.LogFormat) {
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                return JSONLogHandler(label: label, level: level)
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
