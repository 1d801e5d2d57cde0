import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1
import TeleradarCore

/// Native GigaChat API access: an OAuth access token fetched with the authorization key, cached until shortly
/// before `expires_at` and refreshed (one refresh at a time), and authenticated JSON POSTs under
/// `{base}/api/v1/…` that refresh the token once when the API answers 401.
///
/// Sber's endpoints present certificates of the Russian Ministry of Digital Development CA, which common trust
/// stores lack: give this client an `HTTPClient` whose TLS configuration trusts that root.
package actor GigaChatClient {
    /// The API scope the authorization key was issued for.
    package enum Scope: String, Sendable, CaseIterable {
        /// Individuals.
        case personal = "GIGACHAT_API_PERS"
        /// Businesses, prepaid.
        case business = "GIGACHAT_API_B2B"
        /// Businesses, postpaid.
        case corporate = "GIGACHAT_API_CORP"
    }

    /// Connection settings.
    package struct Configuration: Sendable {
        /// The authorization key from the developer studio (Base64 of `client_id:client_secret`).
        package var authorizationKey: String
        /// Scope of the key.
        package var scope: Scope
        /// The OAuth endpoint.
        package var oauthURL: String
        /// The API base URL; requests go to `{baseURL}/api/v1/…`.
        package var baseURL: String
        /// Deadline of one request (token and API calls alike).
        package var timeout: Duration
        /// A token is refreshed this long before it expires.
        package var tokenRefreshMargin: Duration

        /// Creates a configuration with Sber's public endpoints by default.
        package init(
            authorizationKey: String,
            scope: Scope = .personal,
            oauthURL: String = "https://ngw.devices.sberbank.ru:9443/api/v2/oauth",
            baseURL: String = "https://gigachat.devices.sberbank.ru",
            timeout: Duration = .seconds(60),
            tokenRefreshMargin: Duration = .seconds(60)
        ) {
            self.authorizationKey = authorizationKey
            self.scope = scope
            self.oauthURL = oauthURL
            self.baseURL = baseURL
            self.timeout = timeout
            self.tokenRefreshMargin = tokenRefreshMargin
        }
    }

    /// A cached access token.
    struct AccessToken: Sendable {
        var value: String
        var expiresAt: Date
    }

    private struct TokenAnswer: Decodable {
        var accessToken: String
        var expiresAt: Int64

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case expiresAt = "expires_at"
        }
    }

    /// The settings in use.
    package nonisolated let configuration: Configuration
    private nonisolated let transport: ModelTransport
    private nonisolated let now: @Sendable () -> Date
    private var token: AccessToken?
    private var refresh: Task<AccessToken, any Error>?

    /// Creates a client. `now` is the wall clock used for token expiry (injected by tests).
    package init(
        configuration: Configuration,
        httpClient: HTTPClient,
        logger: Logger = Logger(label: "teleradar.ai.gigachat"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.transport = ModelTransport(httpClient: httpClient, timeout: configuration.timeout, logger: logger)
        self.now = now
    }

    /// A valid access token, fetched or refreshed when missing or about to expire.
    package func accessToken() async throws -> String {
        if let token, now().addingTimeInterval(Self.seconds(configuration.tokenRefreshMargin)) < token.expiresAt {
            return token.value
        }
        if let refresh {
            return try await refresh.value.value
        }
        let task = Task { try await self.fetchToken() }
        refresh = task
        defer { refresh = nil }
        let fresh = try await task.value
        token = fresh
        return fresh.value
    }

    /// Forgets `value` if it is the cached token (the API refused it).
    package func invalidate(token value: String) {
        if token?.value == value { token = nil }
    }

    /// POSTs `body` as JSON to `{baseURL}{path}` with a bearer token; on 401 refreshes the token and retries once.
    package nonisolated func postJSON(
        path: String, body: some Encodable & Sendable
    ) async throws -> ModelHTTPResponse {
        let url = ModelEndpoint.url(base: configuration.baseURL, path: path)
        var attempt = 0
        while true {
            let bearer = try await accessToken()
            var headers = HTTPHeaders()
            headers.add(name: "Authorization", value: "Bearer \(bearer)")
            do {
                return try await transport.postJSON(url: url, headers: headers, body: body)
            } catch ModelError.unauthorized(let message) {
                await invalidate(token: bearer)
                attempt += 1
                if attempt > 1 { throw ModelError.unauthorized(message) }
            }
        }
    }

    private nonisolated func fetchToken() async throws -> AccessToken {
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Basic \(configuration.authorizationKey)")
        headers.add(name: "RqUID", value: UUID().uuidString.lowercased())
        headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let form = "scope=\(configuration.scope.rawValue)"
        let response = try await transport.post(url: configuration.oauthURL, headers: headers, body: Data(form.utf8))
        let answer = try ModelTransport.decode(TokenAnswer.self, from: response)
        guard !answer.accessToken.isEmpty else { throw ModelError.badResponse("empty access token") }
        // `expires_at` is in milliseconds since 1970; accept seconds too.
        let seconds = answer.expiresAt > 100_000_000_000 ? Double(answer.expiresAt) / 1000 : Double(answer.expiresAt)
        return AccessToken(value: answer.accessToken, expiresAt: Date(timeIntervalSince1970: seconds))
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
