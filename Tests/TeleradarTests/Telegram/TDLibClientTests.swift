import Foundation
import Testing

@testable import TeleradarTelegram

/// `TDLibClient` against the fake TDLib: correlation, timeouts, updates, several clients, closing.
@Suite("TDLib: client")
struct TDLibClientTests {
    @Test("answers are matched to requests by @extra even when they arrive out of order")
    func correlation() async throws {
        let fake = TDLibFakeSupport.loggedInFake(channels: [
            FakeTDChannel.sample(username: "order_test", supergroupID: 3, count: 1)
        ])
        let client = try await TDLibFakeSupport.loggedInClient(fake)
        fake.hold("getChat")
        fake.hold("getMe")
        async let chat = client.send(TDGetChat(chatID: -1_000_000_000_003))
        async let me = client.send(TDGetMe())
        while fake.requests(ofType: "getMe").count < 2 || fake.requests(ofType: "getChat").isEmpty {
            try await Task.sleep(for: .milliseconds(5))
        }
        fake.releaseHeld()
        #expect(try await chat.title == "Channel order_test")
        #expect(try await me.id == 5_550_001)
        let extras = fake.requests.compactMap { $0.request["@extra"]?.stringValue }
        #expect(Set(extras).count == extras.count, "every request has its own @extra")
        try await client.close()
    }

    @Test("an unanswered request times out with a typed error, and the client stays usable")
    func timeout() async throws {
        let fake = TDLibFakeSupport.loggedInFake(channels: [])
        let client = try await TDLibFakeSupport.loggedInClient(fake)
        fake.swallow("getChat")
        let started = ContinuousClock.now
        await #expect(throws: TDLibError.timeout(request: "getChat", seconds: 0.2)) {
            try await client.send(TDGetChat(chatID: 1), timeout: .milliseconds(200))
        }
        #expect(ContinuousClock.now - started < .seconds(60), "the timeout did not fire")
        #expect(try await client.send(TDGetMe()).id == 5_550_001)
        try await client.close()
    }

    @Test("cancelling the waiting task fails the request as cancelled")
    func cancellation() async throws {
        let fake = TDLibFakeSupport.loggedInFake(channels: [])
        let client = try await TDLibFakeSupport.loggedInClient(fake)
        fake.swallow("getChat")
        let task = Task { try await client.send(TDGetChat(chatID: 1), timeout: .seconds(30)) }
        while fake.requests(ofType: "getChat").isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        let error = await TDLibFakeSupport.error { try await task.value }
        #expect(error as? TDLibError == .cancelled(request: "getChat"))
        try await client.close()
    }

    @Test("TDLib errors come back as .tdlib with code and message")
    func tdlibError() async throws {
        let fake = TDLibFakeSupport.loggedInFake(channels: [])
        let client = try await TDLibFakeSupport.loggedInClient(fake)
        await #expect(throws: TDLibError.tdlib(TDError(code: 400, message: "Chat not found"))) {
            try await client.send(TDGetChat(chatID: 42))
        }
        try await client.close()
    }

    @Test("a subscriber that falls a buffer behind loses its oldest updates, and they are counted")
    func droppedUpdates() async throws {
        let fake = TDLibFakeSupport.loggedInFake(channels: [])
        let client = try await TDLibFakeSupport.loggedInClient(fake)
        let stream = await client.updates(bufferSize: 2)
        #expect(await client.droppedUpdateCount == 0)
        for id in 1...5 {
            let message = FakeTDMessage(publicID: Int64(id), date: 1_700_000_000, text: "post \(id)", views: 1)
            fake.push(
                ["@type": "updateNewMessage", "message": message.json(chatID: -1_000_000_000_009)], to: client.clientID)
        }
        // Wait until the receive loop has handled all five.
        for _ in 0..<200 where await client.droppedUpdateCount < 3 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await client.droppedUpdateCount == 3)
        var texts: [String] = []
        for await update in stream {
            if case .newMessage(let message) = update { texts.append(TDLibPostMapper.post(from: message)?.text ?? "") }
            if texts.count == 2 { break }
        }
        #expect(texts == ["post 4", "post 5"])
        try await client.close()
    }

    @Test("new messages, edits and deletions are published as typed updates")
    func updates() async throws {
        let fake = TDLibFakeSupport.loggedInFake(channels: [])
        let client = try await TDLibFakeSupport.loggedInClient(fake)
        let stream = await client.updates()
        let chatID: Int64 = -1_000_000_000_009
        let message = FakeTDMessage(publicID: 31, date: 1_700_000_000, text: "fresh", views: 3)
        fake.push(["@type": "updateNewMessage", "message": message.json(chatID: chatID)], to: client.clientID)
        fake.push(
            [
                "@type": "updateOption", "name": "unix_time",
                "value": ["@type": "optionValueInteger", "value": "1700000000"],
            ], to: client.clientID)
        fake.push(
            [
                "@type": "updateMessageContent", "chat_id": .int(chatID), "message_id": .int(31 << 20),
                "new_content": [
                    "@type": "messageText", "text": ["@type": "formattedText", "text": "edited", "entities": []],
                ],
            ], to: client.clientID)
        fake.push(
            [
                "@type": "updateDeleteMessages", "chat_id": .int(chatID), "message_ids": [.int(31 << 20)],
                "is_permanent": true, "from_cache": false,
            ], to: client.clientID)
        var received: [TDUpdate] = []
        for await update in stream {
            received.append(update)
            if received.count == 4 { break }
        }
        guard received.count == 4, case .newMessage(let decoded) = received[0] else {
            Issue.record("unexpected updates \(received)")
            return
        }
        #expect(TDLibPostMapper.post(from: decoded)?.text == "fresh")
        #expect(received[1] == .unknown("updateOption"))
        #expect(
            received[2]
                == .messageContent(
                    chatID: chatID, messageID: 31 << 20,
                    newContent: .text(TDFormattedText(text: "edited"), linkPreview: nil)))
        #expect(
            received[3] == .deleteMessages(chatID: chatID, messageIDs: [31 << 20], isPermanent: true, fromCache: false))
        try await client.close()
    }

    @Test("two clients on one transport share one receive loop and get only their own objects")
    func twoClients() async throws {
        let fake = TDLibFakeSupport.loggedInFake(channels: [])
        let first = try await TDLibFakeSupport.loggedInClient(fake)
        let second = TDLibClient(transport: fake, defaultTimeout: .seconds(10))
        #expect(first.clientID != second.clientID)
        #expect(try await second.send(TDGetAuthorizationState()) == .waitTdlibParameters)
        #expect(await first.authorizationState == .ready)
        let receiver = TDLibReceiver.shared(for: fake)
        #expect(receiver.registeredClientIDs == [first.clientID, second.clientID])
        try await first.close()
        #expect(receiver.registeredClientIDs == [second.clientID])
        #expect(await second.authorizationState == .waitTdlibParameters)
        try await second.close()
        #expect(receiver.registeredClientIDs.isEmpty)
    }

    @Test("close reaches authorizationStateClosed, finishes the streams and refuses further requests")
    func close() async throws {
        let fake = TDLibFakeSupport.loggedInFake(channels: [])
        let client = try await TDLibFakeSupport.loggedInClient(fake)
        let updates = await client.updates()
        let states = await client.authorizationStates()
        try await client.close()
        #expect(await client.isClosed)
        #expect(await client.authorizationState == .closed)
        var collected: [TDAuthorizationState] = []
        for await state in states { collected.append(state) }
        #expect(collected == [.ready, .closing, .closed])
        var last: TDUpdate?
        for await update in updates { last = update }
        #expect(last == .authorizationState(.closed))
        await #expect(throws: TDLibError.closed) { try await client.send(TDGetMe()) }
        try await client.close()
    }

    @Test("logOut walks through loggingOut to closed")
    func logOut() async throws {
        let fake = TDLibFakeSupport.loggedInFake(channels: [])
        let client = try await TDLibFakeSupport.loggedInClient(fake)
        let states = await client.authorizationStates()
        #expect(try await client.send(TDLogOut()) == TDOk())
        try await client.waitUntilClosed(timeout: .seconds(10))
        var collected: [TDAuthorizationState] = []
        for await state in states { collected.append(state) }
        #expect(collected == [.ready, .loggingOut, .closing, .closed])
    }

    @Test("td_execute goes through the transport synchronously")
    func execute() throws {
        let client = TDLibClient(transport: FakeTDJSON())
        #expect(try client.execute(TDGetOption(name: "version")).stringValue == "1.8.66")
        #expect(throws: TDLibError.self) { try client.execute(TDGetMe()) }
    }
}
