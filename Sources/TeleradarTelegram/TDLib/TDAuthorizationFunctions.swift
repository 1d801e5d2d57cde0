import Foundation

/// `setTdlibParameters`: the instance's database, API credentials and device description; allowed only in
/// `authorizationStateWaitTdlibParameters`.
package struct TDSetTdlibParameters: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDOk
    /// The TL function.
    package static let typeName = "setTdlibParameters"

    /// Use Telegram's test environment instead of production.
    package var useTestDC: Bool
    /// Where TDLib keeps its database (created if missing).
    package var databaseDirectory: String
    /// Where downloaded files go; empty for a `files` folder inside `databaseDirectory`.
    package var filesDirectory: String
    /// The key encrypting the database (sent as base64); empty for none.
    package var databaseEncryptionKey: Data
    /// Keep information about downloaded and uploaded files between restarts.
    package var useFileDatabase: Bool
    /// Keep users, groups and chats in the database between restarts.
    package var useChatInfoDatabase: Bool
    /// Keep chats and messages in the database between restarts.
    package var useMessageDatabase: Bool
    /// Enable secret chats.
    package var useSecretChats: Bool
    /// Application id from my.telegram.org.
    package var apiID: Int32
    /// Application hash from my.telegram.org.
    package var apiHash: String
    /// IETF language tag of the user's language (`en`).
    package var systemLanguageCode: String
    /// Device model shown in the account's session list.
    package var deviceModel: String
    /// Operating system version shown in the session list.
    package var systemVersion: String
    /// Application version shown in the session list.
    package var applicationVersion: String

    enum CodingKeys: String, CodingKey {
        case useTestDC = "use_test_dc"
        case databaseDirectory = "database_directory"
        case filesDirectory = "files_directory"
        case databaseEncryptionKey = "database_encryption_key"
        case useFileDatabase = "use_file_database"
        case useChatInfoDatabase = "use_chat_info_database"
        case useMessageDatabase = "use_message_database"
        case useSecretChats = "use_secret_chats"
        case apiID = "api_id"
        case apiHash = "api_hash"
        case systemLanguageCode = "system_language_code"
        case deviceModel = "device_model"
        case systemVersion = "system_version"
        case applicationVersion = "application_version"
    }

    /// The parameters field by field, in TL order.
    package init(
        useTestDC: Bool, databaseDirectory: String, filesDirectory: String, databaseEncryptionKey: Data,
        useFileDatabase: Bool, useChatInfoDatabase: Bool, useMessageDatabase: Bool, useSecretChats: Bool,
        apiID: Int32, apiHash: String, systemLanguageCode: String, deviceModel: String, systemVersion: String,
        applicationVersion: String
    ) {
        self.useTestDC = useTestDC
        self.databaseDirectory = databaseDirectory
        self.filesDirectory = filesDirectory
        self.databaseEncryptionKey = databaseEncryptionKey
        self.useFileDatabase = useFileDatabase
        self.useChatInfoDatabase = useChatInfoDatabase
        self.useMessageDatabase = useMessageDatabase
        self.useSecretChats = useSecretChats
        self.apiID = apiID
        self.apiHash = apiHash
        self.systemLanguageCode = systemLanguageCode
        self.deviceModel = deviceModel
        self.systemVersion = systemVersion
        self.applicationVersion = applicationVersion
    }
}

/// `getAuthorizationState`: the current authorization state (also starts a fresh instance).
package struct TDGetAuthorizationState: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDAuthorizationState
    /// The TL function.
    package static let typeName = "getAuthorizationState"
    /// The request.
    package init() {}
}

/// `requestQrCodeAuthentication`: log in by confirming a `tg://login?token=…` link on another logged-in
/// device; allowed in `authorizationStateWaitPhoneNumber`.
package struct TDRequestQrCodeAuthentication: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDOk
    /// The TL function.
    package static let typeName = "requestQrCodeAuthentication"

    /// Users already logged in on this app who may confirm without scanning; usually empty.
    package var otherUserIDs: [Int64]

    enum CodingKeys: String, CodingKey {
        case otherUserIDs = "other_user_ids"
    }

    /// The request, optionally naming `otherUserIDs`.
    package init(otherUserIDs: [Int64] = []) {
        self.otherUserIDs = otherUserIDs
    }
}

/// `checkAuthenticationPassword`: the 2FA cloud password, in `authorizationStateWaitPassword`.
package struct TDCheckAuthenticationPassword: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDOk
    /// The TL function.
    package static let typeName = "checkAuthenticationPassword"

    /// The password.
    package var password: String

    /// The request with `password`.
    package init(password: String) {
        self.password = password
    }
}

/// `getMe`: the logged-in user.
package struct TDGetMe: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDUser
    /// The TL function.
    package static let typeName = "getMe"
    /// The request.
    package init() {}
}

/// `logOut`: ends the session on Telegram's side and destroys the local database, then closes the instance.
package struct TDLogOut: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDOk
    /// The TL function.
    package static let typeName = "logOut"
    /// The request.
    package init() {}
}

/// `close`: flushes the database and closes the instance (state moves to `authorizationStateClosed`).
package struct TDClose: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDOk
    /// The TL function.
    package static let typeName = "close"
    /// The request.
    package init() {}
}
