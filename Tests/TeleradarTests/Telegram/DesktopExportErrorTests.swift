import Foundation
import Testing
import TeleradarCore
@testable import TeleradarTelegram

@Suite("Telegram Desktop export errors")
struct DesktopExportErrorTests {
    @Test("error.json (missing comma in the header) fails with its byte offset, line and column")
    func invalidFixture() async throws {
        let reader = try ExportTestSupport.reader("innerdvations-telegram-chat-parser/error.json")
        let error = await ExportTestSupport.failure(of: reader)
        guard case .malformedJSON(let offset, let line, let column, _) = error else {
            Issue.record("expected malformedJSON, got \(String(describing: error))")
            return
        }
        #expect(offset == 67 && line == 5 && column == 3)
        #expect(error?.description.contains("byte offset 67 (line 5, column 3)") == true)
        #expect(throws: DesktopExportError.self) { try reader.readHeader() }
    }

    @Test("error-unexpected.json fails on its first message's unknown type")
    func unexpectedTypeFixture() async throws {
        let reader = try ExportTestSupport.reader("innerdvations-telegram-chat-parser/error-unexpected.json")
        let error = await ExportTestSupport.failure(of: reader)
        #expect(error == .unexpectedMessageType(messageID: 173_429, type: "ERROR:wrong_type", index: 0))
        #expect(error?.description.contains("173429") == true)
        #expect(error?.description.contains("ERROR:wrong_type") == true)
    }

    @Test("a truncated export fails at the offset where the file ends",
          arguments: [1, 40, 100, 1_000, 5_000, 14_000, 28_190])
    func truncated(length: Int) async throws {
        let full = try Data(contentsOf: ExportTestSupport.fixture("tkonverter/result.json"))
        let url = try ExportTestSupport.temporaryFile(full.prefix(length))
        defer { ExportTestSupport.remove(url) }
        let error = await ExportTestSupport.failure(of: try DesktopExportReader(url: url, chunkSize: 997))
        guard case .malformedJSON(let offset, _, _, let reason) = error else {
            Issue.record("expected malformedJSON, got \(String(describing: error))")
            return
        }
        #expect(offset == Int64(length))
        #expect(reason.contains("unexpected end of file"))
    }

    @Test("broken structure is reported at the offending byte", arguments: [
        (#"{"messages": [{"id": 1]}"#, Int64(22)),
        (#"{"messages": []} x"#, Int64(17)),
        (#"{"messages": [{"id": 1, "type": "unsupported"} {"id": 2}]}"#, Int64(47)),
        (#"{"messages": [{"id": 1, "type": "unsupported"},]}"#, Int64(47)),
        (#"{"name": "a", }"#, Int64(14)),
        (#"{"name": nope, "messages": []}"#, Int64(9)),
        (#"{"messages": [{"text": "a"#, Int64(25)),
        ("{\"messages\": [{\"text\": \"a\nb\"}]}", Int64(25)),
    ])
    func brokenStructure(json: String, offset: Int64) async throws {
        let error = try await ExportTestSupport.failure(json: json)
        guard case .malformedJSON(let found, let line, _, _) = error else {
            Issue.record("expected malformedJSON, got \(String(describing: error))")
            return
        }
        #expect(found == offset)
        #expect(line == 1)
    }

    @Test("a message with invalid JSON inside balanced brackets is reported at the message")
    func invalidMessageJSON() async throws {
        let error = try await ExportTestSupport.failure(
            json: #"{"messages": [{"id": 1, "type": "unsupported"}, {"id": tru}]}"#)
        guard case .malformedJSON(let offset, _, _, let reason) = error else {
            Issue.record("expected malformedJSON, got \(String(describing: error))")
            return
        }
        #expect(offset == 48)
        #expect(reason.contains("index 1"))
    }

    @Test("files that are not chat exports are rejected", arguments: [
        "", "   ", "[]", #"{"name": "x"}"#, #"{"messages": {}}"#,
        #"{"about": "x", "chats": {"list": [{"messages": []}]}}"#,
    ])
    func notAnExport(json: String) async throws {
        let error = try await ExportTestSupport.failure(json: json)
        guard case .notAnExport = error else {
            Issue.record("expected notAnExport, got \(String(describing: error))")
            return
        }
    }

    @Test("message-level problems name the message")
    func messageProblems() async throws {
        let missingID = try await ExportTestSupport.failure(json: """
            {"messages": [{"id": 1, "type": "message", "date": "2020-01-01T00:00:00", "text": ""},
            {"type": "message", "date": "2020-01-01T00:00:00", "text": ""}]}
            """)
        #expect(missingID == .missingMessageID(index: 1, offset: 87))
        #expect(missingID?.description.contains("index 1") == true)

        let badDate = try await ExportTestSupport.failure(
            json: #"{"messages": [{"id": 5, "type": "message", "date": "2021-02-30T10:00:00", "text": ""}]}"#)
        #expect(badDate == .invalidDate(messageID: 5, index: 0, value: "2021-02-30T10:00:00"))

        let noDate = try await ExportTestSupport.failure(json: #"{"messages": [{"id": 6, "type": "service"}]}"#)
        #expect(noDate == .invalidDate(messageID: 6, index: 0, value: "(missing)"))

        let noType = try await ExportTestSupport.failure(
            json: #"{"messages": [{"id": 7, "date": "2021-02-01T10:00:00"}]}"#)
        #expect(noType == .unexpectedMessageType(messageID: 7, type: "", index: 0))

        let notObject = try await ExportTestSupport.failure(json: #"{"messages": [[1, 2]]}"#)
        #expect(notObject == .invalidMessage(index: 0, offset: 14, reason: "expected a JSON object, found [1, 2]"))
    }

    @Test("tolerant fields: string ids and unix times, odd text shapes, unknown fields")
    func tolerantFields() async throws {
        let posts = try await ExportTestSupport.collect(json: """
            {"messages": [
              {"id": "10", "type": "message", "date": "garbage", "date_unixtime": 1700000000, "text": {"odd": 1},
               "from_id": 12, "edited": "not a date", "new_field": [{"x": null}], "text_entities": "nope"},
              {"id": 11, "type": "message", "date": "2023-11-14T22:13:20", "date_unixtime": "bad",
               "edited_unixtime": "1700000100", "text": ["a", 5, {"type": "bold"}, {"text": "b"}, null, "c"],
               "media_type": "something_new", "signature": "Editor", "poll": {"answers": []}}
            ]}
            """)
        #expect(posts.map(\.messageID) == [10, 11])
        #expect(ExportTestSupport.unixTime(posts[0].postedAt) == 1_700_000_000)
        #expect(posts[0].text.isEmpty && posts[0].editedAt == nil)
        #expect(ExportTestSupport.unixTime(posts[1].postedAt) == 1_700_000_000)
        #expect(ExportTestSupport.unixTime(posts[1].editedAt) == 1_700_000_100)
        #expect(posts[1].text == "abc")
        #expect(posts[1].entities.isEmpty)
        #expect(posts[1].mediaKind == .other)
        #expect(posts[1].author == "Editor")
        #expect(posts[1].poll == nil)
    }

    @Test("missing files and directories without result.json")
    func missingFiles() throws {
        let missing = "/nonexistent/teleradar/result.json"
        #expect(throws: DesktopExportError.fileNotFound(path: missing)) { try DesktopExportReader(path: missing) }

        let empty = FileManager.default.temporaryDirectory
            .appendingPathComponent("teleradar-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: DesktopExportError.fileNotFound(path: empty.appendingPathComponent("result.json").path)) {
            try DesktopExportReader(url: empty)
        }
    }

    @Test("a cancelled task stops with .cancelled")
    func cancellation() async throws {
        let reader = try ExportTestSupport.reader("tkonverter/result.json")
        let task = Task { () -> DesktopExportError? in
            withUnsafeCurrentTask { $0?.cancel() }
            return await ExportTestSupport.failure(of: reader)
        }
        #expect(await task.value == .cancelled)
    }
}
