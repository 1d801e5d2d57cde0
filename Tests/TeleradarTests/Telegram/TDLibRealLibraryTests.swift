import Foundation
import Testing

@testable import TeleradarTelegram

/// The real `libtdjson.so` from the python-telegram wheel, offline: loading, `td_execute`, and a client
/// walking its authorization state machine as far as it goes without network.
@Suite("TDLib: real libtdjson (offline)")
struct TDLibRealLibraryTests {
    /// The library, or a recorded failure pointing at scripts/setup.sh.
    static func library() throws -> TDJSONLibrary {
        guard let path = TDLibTestPaths.libtdjson else {
            Issue.record("libtdjson.so not found under .deps/python/telegram/lib: run scripts/setup.sh")
            throw TDJSONLibraryError.libraryNotFound(path: ".deps/python/telegram/lib/libtdjson.so")
        }
        let library = try TDJSONLibrary(path: path)
        library.setLogVerbosity(0)
        return library
    }

    @Test("loads and reports TDLib 1.8.66 through td_execute(getOption version)")
    func version() throws {
        let library = try Self.library()
        let raw = try #require(library.execute(#"{"@type":"getOption","name":"version","@extra":"v"}"#))
        #expect(raw.contains(#""@extra":"v""#))
        #expect(try library.execute(TDGetOption(name: "version")) == .string("1.8.66"))
    }

    @Test("setLogVerbosityLevel 0 is accepted synchronously", arguments: [Int32(0), 1])
    func logVerbosity(level: Int32) throws {
        let library = try Self.library()
        #expect(try library.execute(TDSetLogVerbosityLevel(newVerbosityLevel: level)) == TDOk())
        _ = try library.execute(TDSetLogVerbosityLevel(newVerbosityLevel: 0))
    }

    @Test("requests that cannot run synchronously come back as typed TDLib errors")
    func synchronousErrors() throws {
        let library = try Self.library()
        #expect(throws: TDLibError.self) { try library.execute(TDGetChat(chatID: 1)) }
        do {
            _ = try library.execute(TDGetMe())
            Issue.record("getMe must not run synchronously")
        } catch .tdlib(let error) {
            #expect(error.code == 400)
            #expect(!error.message.isEmpty)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a missing file is reported with its path")
    func missingFile() {
        let path = "/nonexistent/teleradar/libtdjson.so"
        #expect(throws: TDJSONLibraryError.libraryNotFound(path: path)) { try TDJSONLibrary(path: path) }
        #expect(TDJSONLibraryError.libraryNotFound(path: path).description.contains(path))
    }

    @Test("a file that is not a shared library fails to load, naming the path")
    func notALibrary() throws {
        let path = try #require(TDLibTestPaths.tdAPISchema, "td_api.tl not found")
        do {
            _ = try TDJSONLibrary(path: path)
            Issue.record("a text file must not load")
        } catch {
            guard case .loadFailed(let failedPath, let reason) = error else {
                Issue.record("expected loadFailed, got \(error)")
                return
            }
            #expect(failedPath == path)
            #expect(!reason.isEmpty)
            #expect(error.description.contains(path))
        }
    }

    @Test("a library without the TDLib symbols reports the missing symbol")
    func missingSymbol() throws {
        #if arch(x86_64)
            let triple = "x86_64-linux-gnu"
        #else
            let triple = "aarch64-linux-gnu"
        #endif
        let candidates = [
            "/lib/\(triple)/libm.so.6", "/usr/lib/\(triple)/libm.so.6", "/lib64/libm.so.6", "/usr/lib64/libm.so.6",
        ]
        let path = try #require(candidates.first { FileManager.default.fileExists(atPath: $0) }, "no libm.so.6 found")
        #expect(throws: TDJSONLibraryError.symbolMissing(symbol: "td_create_client_id", path: path)) {
            try TDJSONLibrary(path: path)
        }
    }

    @Test("a client reaches waitTdlibParameters, accepts setTdlibParameters, moves on, and closes")
    func stateMachine() async throws {
        let library = try Self.library()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "teleradar-tdlib-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let client = TDLibClient(transport: library, defaultTimeout: .seconds(20))
        let states = await client.authorizationStates()
        #expect(try await client.send(TDGetAuthorizationState()) == .waitTdlibParameters)

        let parameters = TDLibParameters(
            apiID: 12345, apiHash: "0123456789abcdef0123456789abcdef",
            databaseDirectory: directory.appendingPathComponent("db").path,
            databaseEncryptionKey: Data((0..<32).map { UInt8($0) })
        )
        #expect(try await client.send(parameters.request) == TDOk())
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("db").path))

        try await client.close(timeout: .seconds(20))
        var seen: [TDAuthorizationState] = []
        for await state in states { seen.append(state) }
        #expect(seen.first == .waitTdlibParameters)
        let afterParameters = try #require(seen.dropFirst().first, "no state after setTdlibParameters: \(seen)")
        #expect(afterParameters != .waitTdlibParameters)
        #expect(afterParameters == .waitPhoneNumber)
        #expect(seen.suffix(2) == [.closing, .closed])
        #expect(await client.isClosed)
        await #expect(throws: TDLibError.closed) { try await client.send(TDGetAuthorizationState()) }
    }
}
