/// The envelope of every Bot API answer.
struct BotAPIResponse<Result: Decodable>: Decodable {
    /// True on success.
    var ok: Bool
    /// The result, on success.
    var result: Result?
    /// Error code, on failure.
    var errorCode: Int?
    /// Error description, on failure.
    var description: String?
    /// Extra failure details (`ResponseParameters`).
    var parameters: ResponseParameters?

    /// JSON keys as in the Bot API.
    enum CodingKeys: String, CodingKey {
        case ok, result
        case errorCode = "error_code"
        case description, parameters
    }

    /// `ResponseParameters`: why a request was unsuccessful.
    struct ResponseParameters: Decodable {
        /// The group moved to this supergroup.
        var migrateToChatID: Int64?
        /// Seconds to wait before repeating the request.
        var retryAfter: Int?

        /// JSON keys as in the Bot API.
        enum CodingKeys: String, CodingKey {
            case migrateToChatID = "migrate_to_chat_id"
            case retryAfter = "retry_after"
        }
    }

    /// Decodes `result` only when `ok` is true, so failure answers never trip over its type.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ok = try container.decode(Bool.self, forKey: .ok)
        result = ok ? try container.decode(Result.self, forKey: .result) : nil
        errorCode = try container.decodeIfPresent(Int.self, forKey: .errorCode)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        parameters = try container.decodeIfPresent(ResponseParameters.self, forKey: .parameters)
    }

    /// The failure as a ``BotAPIError``; `status` stands in for a missing `error_code`.
    func error(status: Int) -> BotAPIError {
        BotAPIError(
            errorCode: errorCode ?? status, description: description ?? "",
            retryAfter: parameters?.retryAfter, migrateToChatID: parameters?.migrateToChatID)
    }
}
