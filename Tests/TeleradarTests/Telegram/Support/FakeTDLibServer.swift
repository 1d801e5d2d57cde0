import Foundation

/// The request handling of `FakeTDJSON`: a per-client authorization state machine and the channel
/// requests, answering with the objects (and in the order) TDLib 1.8.66 does.
struct FakeTDLibServer: Sendable {
    /// An object the fake sends back: the answer to a request (gets the request's `@extra`) or an update.
    enum Outgoing: Sendable {
        case response(TestJSON)
        case update(TestJSON)
    }

    private struct Client: Sendable {
        var started = false
        var authorization: TestJSON = ["@type": "authorizationStateWaitTdlibParameters"]
        var historyCalls = 0
        var parameters: TestJSON?
        var qrIndex = 0
    }

    var script: FakeTDJSONScript
    private var clients: [Int32: Client] = [:]

    init(script: FakeTDJSONScript) {
        self.script = script
    }

    /// The `setTdlibParameters` request a client received, if any.
    func parameters(of clientID: Int32) -> TestJSON? {
        clients[clientID]?.parameters
    }

    static func error(_ code: Int64, _ message: String) -> TestJSON {
        ["@type": "error", "code": .int(code), "message": .string(message)]
    }

    static let ok: TestJSON = ["@type": "ok"]

    /// Handles one request of `clientID`.
    mutating func handle(_ request: TestJSON, clientID: Int32) -> [Outgoing] {
        var client = clients[clientID] ?? Client()
        var out: [Outgoing] = []
        if !client.started {
            client.started = true
            out.append(.update(authorizationUpdate(client.authorization)))
        }
        out += answer(request, client: &client)
        clients[clientID] = client
        return out
    }

    private func authorizationUpdate(_ state: TestJSON) -> TestJSON {
        ["@type": "updateAuthorizationState", "authorization_state": state]
    }

    private func state(_ name: String) -> TestJSON {
        ["@type": .string("authorizationState" + name)]
    }

    /// Moves `client` to `state` and returns the update announcing it.
    private func transition(_ client: inout Client, to state: TestJSON) -> Outgoing {
        client.authorization = state
        return .update(authorizationUpdate(state))
    }

    private func answer(_ request: TestJSON, client: inout Client) -> [Outgoing] {
        let type = request.type ?? ""
        let current = client.authorization.type ?? ""
        let isReady = current == "authorizationStateReady"
        if current == "authorizationStateClosed" {
            return [.response(Self.error(500, "Request aborted"))]
        }
        switch type {
        case "getAuthorizationState":
            return [.response(client.authorization)]
        case "setTdlibParameters":
            guard current == "authorizationStateWaitTdlibParameters" else {
                return [.response(Self.error(400, "Unexpected setTdlibParameters"))]
            }
            guard request["api_id"]?.intValue ?? 0 > 0, !(request["api_hash"]?.stringValue ?? "").isEmpty else {
                return [
                    .response(
                        Self.error(400, "Valid api_id must be provided. Can be obtained at https://my.telegram.org"))
                ]
            }
            client.parameters = request
            let next = script.sessionExists ? state("Ready") : state("WaitPhoneNumber")
            return [transition(&client, to: next), .response(Self.ok)]
        case "requestQrCodeAuthentication":
            guard current == "authorizationStateWaitPhoneNumber" else {
                return [.response(Self.error(400, "Unexpected requestQrCodeAuthentication"))]
            }
            var out: [Outgoing] = [.response(Self.ok)]
            if script.manualQR {
                client.qrIndex = 0
                out.append(transition(&client, to: qrState(script.qrLinks[0])))
                return out
            }
            for link in script.qrLinks {
                out.append(
                    transition(
                        &client, to: ["@type": "authorizationStateWaitOtherDeviceConfirmation", "link": .string(link)]))
            }
            if script.password != nil {
                out.append(transition(&client, to: passwordState))
            } else {
                out.append(transition(&client, to: state("Ready")))
            }
            return out
        case "checkAuthenticationPassword":
            guard current == "authorizationStateWaitPassword" else {
                return [.response(Self.error(400, "Unexpected checkAuthenticationPassword"))]
            }
            guard request["password"]?.stringValue == script.password else {
                return [.response(Self.error(400, "PASSWORD_HASH_INVALID"))]
            }
            return [transition(&client, to: state("Ready")), .response(Self.ok)]
        case "getMe":
            return [.response(isReady ? script.me.json : Self.error(401, "Unauthorized"))]
        case "close", "logOut":
            var out: [Outgoing] = [.response(Self.ok)]
            if type == "logOut" { out.append(transition(&client, to: state("LoggingOut"))) }
            out.append(transition(&client, to: state("Closing")))
            out.append(transition(&client, to: state("Closed")))
            return out
        case "searchPublicChat", "getChat", "getSupergroup", "getSupergroupFullInfo", "getChatHistory":
            guard isReady else { return [.response(Self.error(401, "Unauthorized"))] }
            return [.response(chatAnswer(request, client: &client))]
        default:
            return [
                .response(Self.error(400, "Failed to parse JSON object as TDLib request: Unknown class \"\(type)\""))
            ]
        }
    }

    private func qrState(_ link: String) -> TestJSON {
        ["@type": "authorizationStateWaitOtherDeviceConfirmation", "link": .string(link)]
    }

    /// Manual QR mode: TDLib rotates `clientID`'s link to the next one of the script.
    mutating func rotateQR(clientID: Int32) -> [Outgoing] {
        guard var client = clients[clientID],
            client.authorization.type == "authorizationStateWaitOtherDeviceConfirmation"
        else { return [] }
        client.qrIndex = min(client.qrIndex + 1, script.qrLinks.count - 1)
        let out = [transition(&client, to: qrState(script.qrLinks[client.qrIndex]))]
        clients[clientID] = client
        return out
    }

    /// Manual QR mode: the code was scanned: on to the password, or ready.
    mutating func confirmQR(clientID: Int32) -> [Outgoing] {
        guard var client = clients[clientID],
            client.authorization.type == "authorizationStateWaitOtherDeviceConfirmation"
        else { return [] }
        let out = [transition(&client, to: script.password != nil ? passwordState : state("Ready"))]
        clients[clientID] = client
        return out
    }

    private var passwordState: TestJSON {
        [
            "@type": "authorizationStateWaitPassword", "password_hint": .string(script.passwordHint),
            "has_recovery_email_address": true, "has_passport_data": false,
            "recovery_email_address_pattern": "a***@e***.com",
        ]
    }

    private func chatAnswer(_ request: TestJSON, client: inout Client) -> TestJSON {
        switch request.type {
        case "searchPublicChat":
            let username = request["username"]?.stringValue ?? ""
            guard username.count >= 4, username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            else { return Self.error(400, "USERNAME_INVALID") }
            guard let channel = script.channels.first(where: { $0.username.lowercased() == username.lowercased() })
            else {
                return Self.error(400, "USERNAME_NOT_OCCUPIED")
            }
            return channel.isPrivate ? Self.error(400, "CHANNEL_PRIVATE") : channel.chatJSON
        case "getChat":
            let chatID = request["chat_id"]?.intValue
            return script.channels.first { $0.chatID == chatID }?.chatJSON ?? Self.error(400, "Chat not found")
        case "getSupergroup":
            let id = request["supergroup_id"]?.intValue
            return script.channels.first { $0.supergroupID == id }?.supergroupJSON
                ?? Self.error(400, "Supergroup not found")
        case "getSupergroupFullInfo":
            let id = request["supergroup_id"]?.intValue
            return script.channels.first { $0.supergroupID == id }?.fullInfoJSON
                ?? Self.error(400, "Supergroup not found")
        default:
            return history(request, client: &client)
        }
    }

    private func history(_ request: TestJSON, client: inout Client) -> TestJSON {
        let limit = request["limit"]?.intValue ?? 0
        let offset = request["offset"]?.intValue ?? 0
        guard limit > 0 else { return Self.error(400, "Parameter limit must be positive") }
        guard offset <= 0, offset > -limit else {
            return Self.error(400, "Parameter offset must be non-positive and greater than -limit")
        }
        let chatID = request["chat_id"]?.intValue
        guard let channel = script.channels.first(where: { $0.chatID == chatID }) else {
            return Self.error(400, "Chat not found")
        }
        let from = request["from_message_id"]?.intValue ?? 0
        var size = Int(min(limit, 100))
        if client.historyCalls == 0, let first = script.firstHistoryPageSize { size = min(size, first) }
        client.historyCalls += 1
        let page = channel.messages
            .sorted { $0.publicID > $1.publicID }
            .filter { from == 0 || ($0.publicID << 20) < from }
            .prefix(size)
        return [
            "@type": "messages", "total_count": .int(Int64(channel.messages.count)),
            "messages": .array(page.map { $0.json(chatID: channel.chatID) }),
        ]
    }
}
