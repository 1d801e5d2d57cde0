import Foundation
import Logging
import Synchronization
import Testing

@testable import TeleradarApp

@Suite("JSON log lines")
struct JSONLogHandlerTests {
    @Test("one valid JSON object per line, keys sorted, metadata and trace id kept, text escaped")
    func line() throws {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "teleradar") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "trace_id"] = "4bf92f3577b34da6a3ce929d0e0e4736"
        logger.info("request \"quoted\"\n\u{1}é", metadata: ["status": .stringConvertible(404), "tags": ["a", "b"]])
        logger.debug("not written")
        logger.error("failed")
        let written = lines.withLock { $0 }
        #expect(written.count == 2)
        #expect(written.allSatisfy { $0.hasSuffix("}\n") && $0.filter { $0 == "\n" }.count == 1 })
        let first = try #require(try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])
        #expect(first["msg"] as? String == "request \"quoted\"\n\u{1}é")
        #expect(first["trace_id"] as? String == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(first["status"] as? String == "404")
        #expect(first["tags"] as? [String] == ["a", "b"])
        #expect(first["level"] as? String == "info")
        let keys = written[0].split(separator: ",").compactMap { $0.split(separator: ":").first.map(String.init) }
        #expect(keys.first == "{\"level\"")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(written[1].utf8)) as? [String: Any])
        #expect((second["source"] as? String)?.contains("JSONLogHandlerTests.swift") == true)
    }

    @Test("timestamps are UTC with milliseconds")
    func timestamp() {
        #expect(JSONLogHandler.timestamp(Date(timeIntervalSince1970: 1_795_318_784.8455)) == "2026-11-22T03:39:44.845Z")
        #expect(JSONLogHandler.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }
}
