import Foundation
import Testing
import TeleradarCore
@testable import TeleradarTelegram

@Suite("Streaming JSON object reader")
struct JSONObjectStreamerTests {
    static let chunkSizes = [1, 2, 3, 5, 7, 13, 64, 4096]

    /// Strings full of escapes, brackets and multi-byte characters, so that small chunks split them everywhere.
    static let trickyDocument = #"""
        {"name": "A \"quoted\" \\ name \u00e9 \ud83d\ude00", "nested": {"a": [1, {"b": "]}"}], "c": "\\"},
         "messages": [ {"x": "}{\"][", "y": [[], {}]} , [1, 2], "str\"ing\\", -12.5e3, true, null ],
         "id": -100123, "ratio": 1.5, "flag": false, "none": null, "type": "public_channel"}
        """#

    @Test("elements and top-level scalars survive any chunk size", arguments: chunkSizes)
    func elementsAndFields(chunkSize: Int) throws {
        let streamer = JSONObjectStreamer(data: Data(Self.trickyDocument.utf8), chunkSize: chunkSize)
        #expect(try streamer.advanceToArray())
        #expect(streamer.topLevelFields.keys.sorted() == ["name"])
        var elements: [String] = []
        while let element = try streamer.nextElement() {
            elements.append(String(decoding: element.bytes, as: UTF8.self))
        }
        #expect(elements == [#"{"x": "}{\"][", "y": [[], {}]}"#, "[1, 2]", #""str\"ing\\""#, "-12.5e3", "true", "null"])
        #expect(streamer.topLevelFields == [
            "name": .string("A \"quoted\" \\ name é 😀"), "id": .integer(-100_123), "ratio": .double(1.5),
            "flag": .bool(false), "none": .null, "type": .string("public_channel"),
        ])
        #expect(streamer.isFinished)
        #expect(streamer.bytesConsumed == streamer.totalBytes)
        #expect(streamer.elementCount == 6)
        #expect(try streamer.nextElement() == nil)
    }

    @Test("element offsets point at each element's first byte")
    func offsets() throws {
        let json = "\u{FEFF}{\"messages\":[ {\"id\":1},\n  {\"id\":2} ]}"
        let data = Data(json.utf8)
        let streamer = JSONObjectStreamer(data: data, chunkSize: 4)
        let first = try #require(try streamer.nextElement())
        let second = try #require(try streamer.nextElement())
        #expect(first.index == 0 && second.index == 1)
        #expect(data[Int(first.offset)] == UInt8(ascii: "{") && first.offset == 17)
        #expect(data[Int(second.offset)] == UInt8(ascii: "{") && second.offset == 29)
        #expect(try streamer.nextElement() == nil)
    }

    @Test("posts are identical whatever the chunk size, even with splits inside escapes", arguments: chunkSizes)
    func postsAcrossChunkBoundaries(chunkSize: Int) async throws {
        let texts = [
            #"quote \" backslash \\ slash \/ tab \t"#, #"ends with backslash \\"#, #"\\\"\\\""#,
            #"braces { [ ] } in text"#, #"\u041f\u0440\u0438\u0432\u0435\u0442 \ud83d\udc4b"#,
            "Ünïcödé ✓ 日本語 👩‍👩‍👧",
        ]
        let messages = texts.enumerated().map { index, text in
            #"{"id": \#(index + 1), "type": "message", "date": "2024-05-01T12:00:0\#(index)", "from": "Ünï \"x\"", "#
                + #""text": ["\#(text)", {"type": "bold", "text": "\#(text)"}]}"#
        }
        let json = #"{"name": "Chunky", "type": "public_channel", "id": 7, "messages": ["#
            + messages.joined(separator: ",\n") + "]}"
        let expected = try await ExportTestSupport.collect(json: json)
        let posts = try await ExportTestSupport.collect(json: json, chunkSize: chunkSize)
        #expect(posts == expected)
        #expect(posts.count == texts.count)
        #expect(posts[0].text == "quote \" backslash \\ slash / tab \tquote \" backslash \\ slash / tab \t")
        #expect(posts[1].text == "ends with backslash \\ends with backslash \\")
        #expect(posts[2].text == "\\\"\\\"\\\"\\\"")
        #expect(posts[4].text == "Привет 👋Привет 👋")
        #expect(posts[4].entities == [TextEntity(type: "bold", offset: 9, length: 9)])
        #expect(posts[5].entities == [TextEntity(type: "bold", offset: 22, length: 22)])
        #expect(posts.allSatisfy { $0.author == "Ünï \"x\"" })
    }

    @Test("20,000 generated messages stream in order with progress reaching the total")
    func bigFile() async throws {
        let count = 20_000
        var json = #"{"name": "Big \"channel\"", "type": "public_channel", "id": 1001, "messages": ["# + "\n"
        for id in 1...count {
            if id > 1 { json += ",\n" }
            if id % 100 == 0 {
                json += #"  {"id": \#(id), "type": "service", "date": "2025-01-01T00:00:00", "#
                    + #""date_unixtime": "\#(1_735_689_600 + id)", "action": "pin_message", "#
                    + #""message_id": \#(id - 1), "text": ""}"#
            } else {
                let text = #"Post \#(id) with \"quotes\" and {braces} ✓"#
                json += #"  {"id": \#(id), "type": "message", "date": "2025-01-01T00:00:00", "#
                    + #""date_unixtime": "\#(1_735_689_600 + id)", "from": "Big", "from_id": "channel1001", "#
                    + #""text": "\#(text)", "text_entities": [{"type": "plain", "text": "\#(text)"}]}"#
            }
        }
        json += "\n]}\n"
        let url = try ExportTestSupport.temporaryFile(json)
        defer { ExportTestSupport.remove(url) }
        let fileSize = Int64(json.utf8.count)

        let chunkSize = 64 * 1024
        let log = ProgressLog()
        let reader = try DesktopExportReader(url: url, chunkSize: chunkSize)
        let posts = try await ExportTestSupport.collect(reader, progress: log.callback)
        #expect(posts.map(\.messageID) == (1...Int64(count)).map { $0 })
        #expect(posts.count(where: \.isService) == count / 100)
        #expect(posts[41].text == "Post 42 with \"quotes\" and {braces} ✓")
        #expect(ExportTestSupport.unixTime(posts.last?.postedAt) == 1_735_689_600 + Int64(count))

        let reports = log.values
        #expect(reports.count >= Int(fileSize) / chunkSize)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.bytesProcessed <= $1.bytesProcessed })
        #expect(reports.dropLast().allSatisfy { !$0.isFinished && $0.totalBytes == fileSize })
        let last = try #require(reports.last)
        #expect(last.isFinished && last.bytesProcessed == fileSize && last.totalBytes == fileSize)
        #expect(last.fraction == 1 && last.messagesRead == count)

        let streamer = try JSONObjectStreamer(fileURL: url, chunkSize: chunkSize)
        while try streamer.nextElement() != nil {}
        #expect(streamer.chunksRead == Int((fileSize + Int64(chunkSize) - 1) / Int64(chunkSize)))
        #expect(streamer.maxBufferedBytes < chunkSize + 1024)
        #expect(try reader.readHeader().name == "Big \"channel\"")
    }

    @Test("one message much larger than a chunk is read whole while memory stays near its size")
    func largeMessage() throws {
        let body = String(repeating: "абв\\\"xyz ", count: 40_000)
        let json = #"{"type": "private_channel", "id": 3, "messages": [{"id": 1, "type": "message", "#
            + #""date": "2025-01-01T00:00:00", "text": "\#(body)"}, {"id": 2}]}"#
        let url = try ExportTestSupport.temporaryFile(json)
        defer { ExportTestSupport.remove(url) }
        let chunkSize = 4096
        let cursor = try DesktopExportReader(url: url, chunkSize: chunkSize).openCursor()
        let post = try #require(try cursor.next())
        #expect(post.text.count == 40_000 * 8)
        #expect(cursor.header.chatType == .privateChannel)
        let messageBytes = body.utf8.count + 100
        let streamer = try JSONObjectStreamer(fileURL: url, chunkSize: chunkSize)
        while try streamer.nextElement() != nil {}
        #expect(streamer.maxBufferedBytes < messageBytes + 2 * chunkSize)
        #expect(throws: DesktopExportError.self) { try cursor.next() }
    }

    @Test("the first error is sticky")
    func stickyError() throws {
        let streamer = JSONObjectStreamer(data: Data(#"{"messages": [{"a": 1} x]}"#.utf8), chunkSize: 3)
        #expect(try streamer.nextElement() != nil)
        let first = #expect(throws: DesktopExportError.self) { try streamer.nextElement() }
        let second = #expect(throws: DesktopExportError.self) { try streamer.nextElement() }
        #expect(first == second)
    }
}
