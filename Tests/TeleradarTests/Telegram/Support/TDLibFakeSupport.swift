import Foundation
import TeleradarCore

@testable import TeleradarTelegram

/// Shortcuts for the tests that run the TDLib client against `FakeTDJSON`.
enum TDLibFakeSupport {
    /// Parameters of a throwaway session (the fake never touches the directory).
    static let parameters = TDLibParameters(
        apiID: 12345, apiHash: "0123456789abcdef0123456789abcdef", databaseDirectory: "/tmp/teleradar-fake-tdlib",
        databaseEncryptionKey: Data("0123456789abcdef0123456789abcdef".utf8)
    )

    /// A fake whose account already has a session, with `channels`.
    static func loggedInFake(channels: [FakeTDChannel], firstHistoryPageSize: Int? = nil) -> FakeTDJSON {
        var script = FakeTDJSONScript()
        script.sessionExists = true
        script.channels = channels
        script.firstHistoryPageSize = firstHistoryPageSize
        return FakeTDJSON(script: script)
    }

    /// A client on `fake`, logged in through `TDLibAuthorization.resume()`.
    static func loggedInClient(_ fake: FakeTDJSON) async throws -> TDLibClient {
        let client = TDLibClient(transport: fake, defaultTimeout: .seconds(10))
        _ = try await TDLibAuthorization(client: client, parameters: parameters).resume()
        return client
    }

    /// Decodes a TDLib object given as test JSON.
    static func decode<Value: Decodable>(_ type: Value.Type, _ json: TestJSON) throws -> Value {
        try JSONDecoder().decode(Value.self, from: Data(json.text.utf8))
    }

    /// The error `body` throws, if any.
    static func error<Value>(of body: () async throws -> Value) async -> (any Error)? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error
        }
    }
}
