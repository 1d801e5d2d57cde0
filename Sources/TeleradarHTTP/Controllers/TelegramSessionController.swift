import Foundation
import Hummingbird
import TeleradarApp
import TeleradarCore

/// `/api/v1/telegram/…`: the caller's own Telegram session — QR login, its state and QR image, the 2FA
/// password, logout. Every route acts on the caller's session only.
package struct TelegramSessionController: Sendable {
    package let app: AppContext

    struct PasswordRequest: Decodable {
        let password: String
    }

    /// The login state as the caller sees it (nil fields are left out).
    struct LoginStateResponse: ResponseEncodable {
        var status: String
        var qrLink: String?
        var qrRefreshedAt: Date?
        var expiresAt: Date?
        var passwordHint: String?
        var attempt: Int?
        var previousError: String?
        var telegramUserId: Int64?
        var name: String?
        var reason: String?

        init(_ snapshot: TDLibLoginSnapshot?) {
            status = snapshot?.state.status ?? "none"
            expiresAt = snapshot?.expiresAt
            switch snapshot?.state {
            case .waitingForQR(let link, let refreshedAt)?:
                qrLink = link
                qrRefreshedAt = refreshedAt
            case .waitingForPassword(let hint, let attempt, let previous)?:
                passwordHint = hint
                self.attempt = attempt
                previousError = previous
            case .ready(let telegramUserID, let name)?:
                telegramUserId = telegramUserID
                self.name = name
            case .failed(let reason)?:
                self.reason = reason
            case .starting?, .expired?, nil:
                break
            }
        }
    }

    package func addRoutes(to group: RouterGroup<TeleradarRequestContext>) {
        let sessions = app.telegramSessions
        group.post("telegram/login") { _, context -> LoginStateResponse in
            let user = try context.requireUser()
            return LoginStateResponse(try await sessions.startLogin(user: user))
        }
        group.get("telegram/login") { _, context -> LoginStateResponse in
            let user = try context.requireUser()
            if let snapshot = await sessions.snapshot(userID: user.id) { return LoginStateResponse(snapshot) }
            var state = LoginStateResponse(nil)
            if try await sessions.isRecorded(userID: user.id) { state.status = "ready" }
            return state
        }
        group.post("telegram/login/password") { request, context -> EditedResponse<LoginStateResponse> in
            let user = try context.requireUser()
            let body = try await request.decode(as: PasswordRequest.self, context: context)
            try await sessions.submitPassword(userID: user.id, password: body.password)
            return EditedResponse(
                status: .accepted, response: LoginStateResponse(await sessions.snapshot(userID: user.id)))
        }
        group.get("telegram/login/qr.svg") { _, context -> Response in
            let user = try context.requireUser()
            guard case .waitingForQR(let link, _)? = await sessions.snapshot(userID: user.id)?.state else {
                throw APIError(
                    .notFound, code: "no_qr_code", message: "no Telegram login of yours is waiting for a QR scan")
            }
            let code: QRCode
            do {
                code = try QRCode(encoding: link)
            } catch {
                throw APIError(.serviceUnavailable, code: "qr_unavailable", message: "\(error)")
            }
            return Response(
                status: .ok,
                headers: [.contentType: "image/svg+xml", .cacheControl: "no-store", .xContentTypeOptions: "nosniff"],
                body: .init(byteBuffer: ByteBuffer(string: code.svg())))
        }
        group.delete("telegram/session") { _, context -> Response in
            let user = try context.requireUser()
            try await sessions.logout(userID: user.id)
            return Response(status: .noContent)
        }
    }
}
