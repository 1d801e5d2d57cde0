import Foundation

/// One JSON object received from TDLib: its `@type`, `@extra` and `@client_id`, plus the raw text for decoding
/// into the expected type later (off the receive thread).
package struct TDIncoming: Sendable {
    /// The object's `@type`.
    package var type: String
    /// The correlation id of a response, when it is a string (the client only sends strings).
    package var extra: String?
    /// The TDLib instance the object belongs to; nil for `td_execute` answers.
    package var clientID: Int32?
    /// The whole object as received.
    package var data: Data

    private struct Header: Decodable {
        var type: String
        var extra: String?
        var clientID: Int32?

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case extra = "@extra"
            case clientID = "@client_id"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decode(String.self, forKey: .type)
            // `@extra` may be any JSON value when another program sent the request; only strings are ours.
            extra = try? container.decodeIfPresent(String.self, forKey: .extra)
            clientID = try container.decodeIfPresent(Int32.self, forKey: .clientID)
        }
    }

    /// Reads the header of `json`.
    /// - Throws: `.malformedResponse` when the text is not a JSON object with a `@type`.
    package init(json: String) throws(TDLibError) {
        let data = Data(json.utf8)
        do {
            let header = try JSONDecoder().decode(Header.self, from: data)
            self.type = header.type
            self.extra = header.extra
            self.clientID = header.clientID
            self.data = data
        } catch {
            throw .malformedResponse("not a TDLib object: \(json.prefix(200))")
        }
    }

    /// Decodes the object as `Value`.
    /// - Throws: `.malformedResponse` when it does not fit.
    package func decode<Value: Decodable>(_ type: Value.Type) throws(TDLibError) -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: data)
        } catch {
            throw .malformedResponse("\(self.type) could not be decoded as \(Value.self): \(error)")
        }
    }

    /// Decodes the object as the answer to a request: TDLib's `error` becomes `.tdlib`, an object of another
    /// constructor than `Result` decodes becomes `.unexpectedResponse`.
    package func decodeResult<Result: TDDecodable>(_ type: Result.Type) throws(TDLibError) -> Result {
        if self.type == TDError.constructors[0] {
            throw .tdlib(try decode(TDError.self))
        }
        guard Result.acceptsUnknownConstructors || Result.constructors.contains(self.type) else {
            throw .unexpectedResponse(expected: "\(Result.self)", received: self.type)
        }
        return try decode(Result.self)
    }
}
