import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TeleradarApp
@testable import TeleradarCore
@testable import TeleradarHTTP
@testable import TeleradarStorage

@Suite("Admin API")
struct AdminAPITests {
    @Test("users: filter, pages, one user, tier, role, block and unblock", arguments: Backend.allCases)
    func users(backend: Backend) async throws {
        try await APITest.with(backend) { context, client in
            let admin = try await APITest.user(context, telegramID: 100, username: "boss", admin: true)
            let auth = APITest.headers(admin.token)
            var ids: [Int64] = []
            for (index, name) in ["alice", "bob", "carol", "dave"].enumerated() {
                ids.append(try await APITest.user(context, telegramID: Int64(index + 1), username: name).id)
            }
            let carolToken = try await context.accounts.createToken(telegramID: 3).token
            try await client.execute(uri: "/api/v1/admin/users?limit=2", method: .get, headers: auth) { response in
                let json = APITest.json(response)
                #expect((json["users"] as? [Any])?.count == 2)
                #expect(json["next_offset"] as? Int == 2)
            }
            try await client.execute(uri: "/api/v1/admin/users?limit=2&offset=4", method: .get, headers: auth) {
                response in
                let json = APITest.json(response)
                #expect((json["users"] as? [Any])?.count == 1)
                #expect(json["next_offset"] == nil || json["next_offset"] is NSNull)
            }
            try await client.execute(uri: "/api/v1/admin/users?q=CAR", method: .get, headers: auth) { response in
                let users = APITest.json(response)["users"] as? [[String: Any]] ?? []
                #expect(users.map { $0["username"] as? String } == ["carol"])
            }
            try await client.execute(uri: "/api/v1/admin/users?role=admin", method: .get, headers: auth) { response in
                #expect(
                    (APITest.json(response)["users"] as? [[String: Any]])?.map { $0["username"] as? String } == ["boss"]
                )
            }
            try await client.execute(uri: "/api/v1/admin/users?tier=gold", method: .get, headers: auth) { response in
                #expect(response.status == .badRequest)
                #expect((APITest.json(response)["message"] as? String)?.hasPrefix("tier ") == true)
            }
            try await client.execute(
                uri: "/api/v1/admin/users/\(ids[0])/tier", method: .put, headers: auth,
                body: ByteBuffer(string: #"{"tier": "premium", "days": 10}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(APITest.json(response)["tier"] as? String == "premium")
            }
            let history = try await context.accounts.history.entries(userID: ids[0])
            #expect(history.first?.newTier == .premium && history.first?.changedBy == admin.id)
            try await client.execute(uri: "/api/v1/admin/users?tier=premium", method: .get, headers: auth) { response in
                #expect((APITest.json(response)["users"] as? [[String: Any]])?.count == 1)
            }
            try await client.execute(
                uri: "/api/v1/admin/users/\(ids[1])/tier", method: .put, headers: auth,
                body: ByteBuffer(string: #"{"tier": "basic", "days": 0}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect((APITest.json(response)["message"] as? String)?.hasPrefix("days ") == true)
            }
            try await client.execute(uri: "/api/v1/admin/users/\(ids[0])", method: .get, headers: auth) { response in
                let json = APITest.json(response)
                #expect((json["user"] as? [String: Any])?["tier"] as? String == "premium")
                #expect((json["usage"] as? [String: Any])?["tier"] as? String == "premium")
                #expect((json["history"] as? [Any])?.isEmpty == false)
            }
            try await client.execute(uri: "/api/v1/admin/users/999999", method: .get, headers: auth) { response in
                #expect(response.status == .notFound)
            }
            // Block: the user's token stops working with the blocked notice; unblock restores it.
            try await client.execute(uri: "/api/v1/admin/users/\(ids[2])/block", method: .post, headers: auth) {
                response in
                #expect(APITest.json(response)["is_blocked"] as? Bool == true)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: APITest.headers(carolToken)) {
                response in
                #expect(response.status == .forbidden)
                #expect(APITest.json(response)["error"] as? String == "blocked")
            }
            try await client.execute(uri: "/api/v1/admin/users/\(ids[2])/unblock", method: .post, headers: auth) {
                response in
                #expect(APITest.json(response)["is_blocked"] as? Bool == false)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: APITest.headers(carolToken)) {
                response in
                #expect(response.status == .ok)
            }
            // Admins cannot lock themselves out.
            try await client.execute(uri: "/api/v1/admin/users/\(admin.id)/block", method: .post, headers: auth) {
                response in
                #expect(response.status == .conflict)
            }
            try await client.execute(
                uri: "/api/v1/admin/users/\(admin.id)/role", method: .put, headers: auth,
                body: ByteBuffer(string: #"{"role": "user"}"#)
            ) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(
                uri: "/api/v1/admin/users/\(ids[3])/role", method: .put, headers: auth,
                body: ByteBuffer(string: #"{"role": "admin"}"#)
            ) { response in
                #expect(APITest.json(response)["role"] as? String == "admin")
            }
            try await client.execute(
                uri: "/api/v1/admin/users/\(ids[3])/role", method: .put, headers: auth,
                body: ByteBuffer(string: #"{"role": "king"}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect((APITest.json(response)["message"] as? String)?.hasPrefix("role ") == true)
            }
        }
    }

    @Test("invites: create, list by status, one with redemptions, deactivate; stats", arguments: Backend.allCases)
    func invites(backend: Backend) async throws {
        try await APITest.with(backend) { context, client in
            let admin = try await APITest.user(context, telegramID: 100, admin: true)
            let auth = APITest.headers(admin.token)
            _ = try await APITest.user(context, telegramID: 5)
            var code = ""
            try await client.execute(
                uri: "/api/v1/admin/invites", method: .post, headers: auth,
                body: ByteBuffer(string: #"{"tier": "trial", "max_uses": 2, "expiry_days": 7, "trial_days": 3}"#)
            ) { response in
                #expect(response.status == .created)
                let json = APITest.json(response)
                code = (json["invite"] as? [String: Any])?["code"] as? String ?? ""
                #expect(json["status"] as? String == "active")
            }
            #expect(code.count == 12)
            _ = try await context.accounts.redeemInvite(code: code, telegramID: 5)
            try await client.execute(uri: "/api/v1/admin/invites/\(code)", method: .get, headers: auth) { response in
                let json = APITest.json(response)
                #expect((json["redemptions"] as? [Any])?.count == 1)
                #expect((json["invite"] as? [String: Any])?["uses_count"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/admin/invites?status=active", method: .get, headers: auth) {
                response in
                #expect((APITest.json(response)["invites"] as? [Any])?.count == 1)
            }
            try await client.execute(uri: "/api/v1/admin/invites/\(code)", method: .delete, headers: auth) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/admin/invites?status=inactive", method: .get, headers: auth) {
                response in
                #expect((APITest.json(response)["invites"] as? [Any])?.count == 1)
            }
            try await client.execute(uri: "/api/v1/admin/invites?status=active", method: .get, headers: auth) {
                response in
                #expect((APITest.json(response)["invites"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/admin/invites/AAAAAAAAAAAA", method: .get, headers: auth) {
                response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/api/v1/admin/invites", method: .post, headers: auth,
                body: ByteBuffer(string: #"{"tier": "trial", "max_uses": 0}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect((APITest.json(response)["message"] as? String)?.hasPrefix("max_uses ") == true)
            }
            try await client.execute(uri: "/api/v1/admin/stats", method: .get, headers: auth) { response in
                let json = APITest.json(response)
                #expect(json["users"] as? Int == 2)
                #expect((json["users_by_tier"] as? [String: Int])?["trial"] == 1)
                #expect((json["users_by_role"] as? [String: Int])?["admin"] == 1)
                let perDay = json["registrations_per_day"] as? [[String: Any]] ?? []
                #expect(perDay.count == 14)
                #expect(perDay.compactMap { $0["count"] as? Int }.reduce(0, +) == 2)
            }
        }
    }

    @Test(
        "admin sessions: opened by an admin, accepted as Session <token>, ended by logout", arguments: Backend.allCases)
    func sessions(backend: Backend) async throws {
        try await APITest.with(backend) { context, client in
            let admin = try await APITest.user(context, telegramID: 100, admin: true)
            let user = try await APITest.user(context, telegramID: 1)
            try await client.execute(uri: "/api/v1/admin/session", method: .post, headers: APITest.headers(user.token))
            { response in
                #expect(response.status == .forbidden)
            }
            var token = ""
            try await client.execute(uri: "/api/v1/admin/session", method: .post, headers: APITest.headers(admin.token))
            { response in
                #expect(response.status == .created)
                token = APITest.json(response)["token"] as? String ?? ""
            }
            #expect(token.hasPrefix("trs_"))
            let session: HTTPFields = [.authorization: "Session \(token)"]
            try await client.execute(uri: "/api/v1/me", method: .get, headers: session) { response in
                #expect(APITest.json(response)["authenticated_by"] as? String == "admin_session")
            }
            try await client.execute(uri: "/api/v1/admin/stats", method: .get, headers: session) { response in
                #expect(response.status == .ok)
            }
            // The stored id is a hash, never the token.
            #expect(try await APITest.snapshot(context.database).contains { $0.contains(token) } == false)
            try await client.execute(uri: "/api/v1/auth/logout", method: .post, headers: session) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/admin/stats", method: .get, headers: session) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
