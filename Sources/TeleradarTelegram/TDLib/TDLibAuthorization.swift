import Foundation

/// What the 2FA password callback is told.
package struct TDPasswordPrompt: Sendable, Hashable {
    /// Hint and recovery information from `authorizationStateWaitPassword`.
    package var info: TDPasswordInfo
    /// 1 for the first try, then 2, 3…
    package var attempt: Int
    /// Why the previous try failed (`PASSWORD_HASH_INVALID`), nil on the first try.
    package var previousError: String?

    /// A prompt field by field.
    package init(info: TDPasswordInfo, attempt: Int, previousError: String? = nil) {
        self.info = info
        self.attempt = attempt
        self.previousError = previousError
    }
}

/// Drives a TDLib instance through its authorization state machine: `setTdlibParameters`, then QR login
/// (`requestQrCodeAuthentication`, each rotating `tg://login?token=…` link handed out as it arrives), the 2FA
/// password when asked, and finally `getMe` so the caller can check it is the intended account.
package struct TDLibAuthorization: Sendable {
    /// Handed each QR link as TDLib issues it (roughly every 30 s until scanned).
    package typealias QRCodeLinkHandler = @Sendable (String) async -> Void
    /// Asked for the 2FA password; throwing aborts the login with that error.
    package typealias PasswordProvider = @Sendable (TDPasswordPrompt) async throws -> String

    /// The instance to log in.
    package let client: TDLibClient
    /// Credentials and database of the session.
    package let parameters: TDLibParameters
    /// How many wrong 2FA passwords are tolerated before `.passwordRejected`.
    package var maximumPasswordAttempts: Int

    /// An authorization driver for `client` with `parameters`.
    package init(client: TDLibClient, parameters: TDLibParameters, maximumPasswordAttempts: Int = 3) {
        self.client = client
        self.parameters = parameters
        self.maximumPasswordAttempts = maximumPasswordAttempts
    }

    /// Logs in by QR code (or resumes an existing session) and returns the logged-in user.
    /// - Throws: `TDLibError` (`.unsupportedAuthorizationState` for phone-code or registration states,
    ///   `.passwordRejected`, `.closed`, TDLib errors), `CancellationError` when the task is cancelled, or
    ///   whatever `password` throws.
    package func logIn(onQRCodeLink: @escaping QRCodeLinkHandler, password: @escaping PasswordProvider)
        async throws -> TDUser
    {
        try await drive(onQRCodeLink: onQRCodeLink, password: password)
    }

    /// Opens an existing session without user interaction and returns its user.
    /// - Throws: `.notLoggedIn` when the session would need a login, or any `TDLibError`.
    package func resume() async throws -> TDUser {
        try await drive(onQRCodeLink: nil, password: nil)
    }

    /// The state machine loop: reacts once to every distinct state until `ready`.
    private func drive(onQRCodeLink: QRCodeLinkHandler?, password: PasswordProvider?) async throws -> TDUser {
        let states = await client.authorizationStates()
        var iterator = states.makeAsyncIterator()
        var upcoming: TDAuthorizationState? = try await client.send(TDGetAuthorizationState())
        var previous: TDAuthorizationState?
        while true {
            let state: TDAuthorizationState
            if let next = upcoming {
                state = next
                upcoming = nil
            } else if let next = await iterator.next() {
                state = next
            } else {
                try Task.checkCancellation()
                throw TDLibError.closed
            }
            guard state != previous else { continue }
            previous = state
            switch state {
            case .waitTdlibParameters:
                _ = try await client.send(parameters.request)
            case .waitPhoneNumber:
                guard onQRCodeLink != nil else { throw TDLibError.notLoggedIn(state: "waiting for a phone number") }
                _ = try await client.send(TDRequestQrCodeAuthentication())
            case .waitOtherDeviceConfirmation(let link):
                guard let onQRCodeLink else { throw TDLibError.notLoggedIn(state: "waiting for a QR code scan") }
                await onQRCodeLink(link)
            case .waitPassword(let info):
                guard let password else { throw TDLibError.notLoggedIn(state: "waiting for the 2FA password") }
                try await checkPassword(info: info, provider: password)
            case .ready:
                return try await client.send(TDGetMe())
            case .waitCode: throw TDLibError.unsupportedAuthorizationState("a login code")
            case .waitEmail: throw TDLibError.unsupportedAuthorizationState("an e-mail address")
            case .waitRegistration: throw TDLibError.unsupportedAuthorizationState("a new account registration")
            case .waitPremiumPurchase: throw TDLibError.unsupportedAuthorizationState("a Premium purchase")
            case .unknown(let type): throw TDLibError.unsupportedAuthorizationState(type)
            case .loggingOut, .closing, .closed: throw TDLibError.closed
            }
        }
    }

    /// Asks for the password until TDLib accepts it, at most `maximumPasswordAttempts` times.
    private func checkPassword(info: TDPasswordInfo, provider: PasswordProvider) async throws {
        var previousError: String?
        for attempt in 1...max(1, maximumPasswordAttempts) {
            let secret = try await provider(
                TDPasswordPrompt(info: info, attempt: attempt, previousError: previousError))
            do {
                _ = try await client.send(TDCheckAuthenticationPassword(password: secret))
                return
            } catch {
                guard case .tdlib(let rejection) = error, rejection.message.contains("PASSWORD_HASH_INVALID") else {
                    throw error
                }
                previousError = rejection.message
            }
        }
        throw TDLibError.passwordRejected(attempts: max(1, maximumPasswordAttempts))
    }
}
