import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TeleradarApp
@testable import TeleradarHTTP
@testable import TeleradarStorage

@Suite("Authenticated callers cache")
struct CallerCacheTests {
    @Test("changes through the API apply to the next request: retention, logout", arguments: Backend.allCases)
    func invalidation(backend: Backend) async throws {
        try await APITest.with(backend) { context, client in
            let user = try await APITest.user(context, telegramID: 1)
            let auth = APITest.headers(user.token)
            try await client.execute(uri: "/api/v1/settings/retention", method: .get, headers: auth) { response in
                #expect(APITest.json(response)["retention_days"] as? Int == 30)
            }
            try await client.execute(
                uri: "/api/v1/settings/retention", method: .put, headers: auth,
                body: ByteBuffer(string: #"{"retention_days": 90}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/settings/retention", method: .get, headers: auth) { response in
                #expect(APITest.json(response)["retention_days"] as? Int == 90)
            }
            try await client.execute(uri: "/api/v1/auth/logout", method: .post, headers: auth) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: auth) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("entries expire after the TTL; a TTL of zero caches nothing")
    func expiry() async throws {
        let caller = Caller(user: .init(id: 1, telegramID: 1), method: .apiToken, tokenID: 1)
        let cache = CallerCache(ttl: .seconds(60))
        cache.store(caller, for: "Bearer x")
        #expect(cache.caller(for: "Bearer x")?.user.id == 1)
        #expect(cache.caller(for: "Bearer y") == nil)
        let short = CallerCache(ttl: .milliseconds(1))
        short.store(caller, for: "Bearer x")
        try await Task.sleep(for: .milliseconds(50))
        #expect(short.caller(for: "Bearer x") == nil)
        let off = CallerCache(ttl: .zero)
        off.store(caller, for: "Bearer x")
        #expect(off.caller(for: "Bearer x") == nil)
        cache.store(caller, for: "Bearer x")
        cache.removeAll()
        #expect(cache.caller(for: "Bearer x") == nil)
    }
}
