import Foundation

/// TDLib's `AuthorizationState`: where the instance is in its login state machine.
package enum TDAuthorizationState: TDDecodable, Hashable {
    /// `authorizationStateWaitTdlibParameters`: send `setTdlibParameters`.
    case waitTdlibParameters
    /// `authorizationStateWaitPhoneNumber`: send a phone number or `requestQrCodeAuthentication`.
    case waitPhoneNumber
    /// `authorizationStateWaitOtherDeviceConfirmation`: show `link` (`tg://login?token=…`) as a QR code; it
    /// rotates every ~30 s, each rotation arriving as a new state.
    case waitOtherDeviceConfirmation(link: String)
    /// `authorizationStateWaitPassword`: the account has a 2FA password.
    case waitPassword(TDPasswordInfo)
    /// `authorizationStateWaitCode`: a login code was sent (phone login; QR login does not use it).
    case waitCode
    /// `authorizationStateWaitEmailAddress` / `authorizationStateWaitEmailCode`: e-mail login setup.
    case waitEmail
    /// `authorizationStateWaitRegistration`: the phone number has no account yet.
    case waitRegistration
    /// `authorizationStateWaitPremiumPurchase`: Telegram requires Premium to log in.
    case waitPremiumPurchase
    /// `authorizationStateReady`: logged in.
    case ready
    /// `authorizationStateLoggingOut`.
    case loggingOut
    /// `authorizationStateClosing`.
    case closing
    /// `authorizationStateClosed`: the instance is gone; a new client id is needed.
    case closed
    /// A state this client does not know.
    case unknown(String)

    /// The TL constructors decoded.
    package static let constructors = [
        "authorizationStateWaitTdlibParameters", "authorizationStateWaitPhoneNumber",
        "authorizationStateWaitOtherDeviceConfirmation", "authorizationStateWaitPassword",
        "authorizationStateWaitCode", "authorizationStateWaitEmailAddress", "authorizationStateWaitEmailCode",
        "authorizationStateWaitRegistration", "authorizationStateWaitPremiumPurchase", "authorizationStateReady",
        "authorizationStateLoggingOut", "authorizationStateClosing", "authorizationStateClosed",
    ]
    /// New states decode to `.unknown`.
    package static var acceptsUnknownConstructors: Bool { true }

    /// True once the instance is closing or closed (no further requests will be answered normally).
    package var isTerminal: Bool {
        switch self {
        case .loggingOut, .closing, .closed: true
        default: false
        }
    }

    /// Decodes by `@type`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TDKey.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "authorizationStateWaitTdlibParameters": self = .waitTdlibParameters
        case "authorizationStateWaitPhoneNumber": self = .waitPhoneNumber
        case "authorizationStateWaitOtherDeviceConfirmation":
            self = .waitOtherDeviceConfirmation(link: try container.decode(String.self, forKey: TDKey("link")))
        case "authorizationStateWaitPassword": self = .waitPassword(try TDPasswordInfo(from: decoder))
        case "authorizationStateWaitCode": self = .waitCode
        case "authorizationStateWaitEmailAddress", "authorizationStateWaitEmailCode": self = .waitEmail
        case "authorizationStateWaitRegistration": self = .waitRegistration
        case "authorizationStateWaitPremiumPurchase": self = .waitPremiumPurchase
        case "authorizationStateReady": self = .ready
        case "authorizationStateLoggingOut": self = .loggingOut
        case "authorizationStateClosing": self = .closing
        case "authorizationStateClosed": self = .closed
        default: self = .unknown(type)
        }
    }
}

/// What `authorizationStateWaitPassword` tells about the 2FA password.
package struct TDPasswordInfo: Decodable, Sendable, Hashable {
    /// The hint the user set; may be empty.
    package var passwordHint: String
    /// Whether a recovery e-mail is set.
    package var hasRecoveryEmailAddress: Bool
    /// Whether Telegram Passport data exists (lost if the password is reset).
    package var hasPassportData: Bool
    /// The masked recovery e-mail (`a***@g***.com`), if any.
    package var recoveryEmailAddressPattern: String

    enum CodingKeys: String, CodingKey {
        case passwordHint = "password_hint"
        case hasRecoveryEmailAddress = "has_recovery_email_address"
        case hasPassportData = "has_passport_data"
        case recoveryEmailAddressPattern = "recovery_email_address_pattern"
    }

    /// The information field by field.
    package init(
        passwordHint: String = "", hasRecoveryEmailAddress: Bool = false, hasPassportData: Bool = false,
        recoveryEmailAddressPattern: String = ""
    ) {
        self.passwordHint = passwordHint
        self.hasRecoveryEmailAddress = hasRecoveryEmailAddress
        self.hasPassportData = hasPassportData
        self.recoveryEmailAddressPattern = recoveryEmailAddressPattern
    }

    /// Decodes leniently: absent fields take their defaults.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        passwordHint = try container.decodeIfPresent(String.self, forKey: .passwordHint) ?? ""
        hasRecoveryEmailAddress = try container.decodeIfPresent(Bool.self, forKey: .hasRecoveryEmailAddress) ?? false
        hasPassportData = try container.decodeIfPresent(Bool.self, forKey: .hasPassportData) ?? false
        recoveryEmailAddressPattern =
            try container.decodeIfPresent(String.self, forKey: .recoveryEmailAddressPattern) ?? ""
    }
}
