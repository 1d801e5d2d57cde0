import Foundation

/// What a TDLib session needs before it can log in: API credentials from my.telegram.org, the per-user
/// database directory and its encryption key, and how the device presents itself in the session list.
package struct TDLibParameters: Sendable, Hashable, CustomStringConvertible {
    /// Application id.
    package var apiID: Int32
    /// Application hash (a secret: never logged).
    package var apiHash: String
    /// The session's database directory (one per Telegram account).
    package var databaseDirectory: String
    /// Where downloaded files go; empty for `<databaseDirectory>/files`.
    package var filesDirectory: String
    /// The key encrypting the database (a secret: never logged).
    package var databaseEncryptionKey: Data
    /// Telegram's test environment instead of production.
    package var useTestDC: Bool
    /// IETF language tag of the user's language.
    package var systemLanguageCode: String
    /// Device model shown in the account's session list.
    package var deviceModel: String
    /// System version shown in the session list.
    package var systemVersion: String
    /// Application version shown in the session list.
    package var applicationVersion: String

    /// The parameters; the presentation fields have server-friendly defaults.
    package init(
        apiID: Int32, apiHash: String, databaseDirectory: String, databaseEncryptionKey: Data,
        filesDirectory: String = "", useTestDC: Bool = false, systemLanguageCode: String = "en",
        deviceModel: String = "Teleradar server", systemVersion: String = "Linux", applicationVersion: String = "1.0"
    ) {
        self.apiID = apiID
        self.apiHash = apiHash
        self.databaseDirectory = databaseDirectory
        self.filesDirectory = filesDirectory
        self.databaseEncryptionKey = databaseEncryptionKey
        self.useTestDC = useTestDC
        self.systemLanguageCode = systemLanguageCode
        self.deviceModel = deviceModel
        self.systemVersion = systemVersion
        self.applicationVersion = applicationVersion
    }

    /// The `setTdlibParameters` request: chat and message databases on (so history and the session survive
    /// restarts), file database and secret chats off (the server never downloads media or chats secretly).
    package var request: TDSetTdlibParameters {
        TDSetTdlibParameters(
            useTestDC: useTestDC,
            databaseDirectory: databaseDirectory,
            filesDirectory: filesDirectory,
            databaseEncryptionKey: databaseEncryptionKey,
            useFileDatabase: false,
            useChatInfoDatabase: true,
            useMessageDatabase: true,
            useSecretChats: false,
            apiID: apiID,
            apiHash: apiHash,
            systemLanguageCode: systemLanguageCode,
            deviceModel: deviceModel,
            systemVersion: systemVersion,
            applicationVersion: applicationVersion
        )
    }

    /// The parameters with the hash and key redacted.
    package var description: String {
        "TDLibParameters(apiID: \(apiID), apiHash: <redacted>, databaseDirectory: \(databaseDirectory), "
            + "encryptionKey: <\(databaseEncryptionKey.count) bytes>, testDC: \(useTestDC))"
    }
}
