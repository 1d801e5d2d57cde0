import Foundation

/// TDLib's `error code:int32 message:string = Error;`.
package struct TDError: TDDecodable, Hashable {
    /// The TL constructor.
    package static let constructors = ["error"]

    /// HTTP-like code: 400 bad request, 401 unauthorised, 403 forbidden, 404 not found, 406 silently rejected,
    /// 420/429 flood control, 500 internal.
    package var code: Int
    /// Telegram's upper-case reason (`USERNAME_NOT_OCCUPIED`, `FLOOD_WAIT_17`) or TDLib's own sentence.
    package var message: String

    /// An error with `code` and `message`.
    package init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    /// The wait Telegram asked for, in seconds: from `FLOOD_WAIT_N` (also `FLOOD_PREMIUM_WAIT_N`,
    /// `SLOWMODE_WAIT_N`) or TDLib's `Too Many Requests: retry after N`; nil when the error is not flood control.
    package var floodWaitSeconds: Int? {
        for marker in ["retry after ", "FLOOD_WAIT_", "FLOOD_PREMIUM_WAIT_", "SLOWMODE_WAIT_"] {
            if let seconds = Self.number(after: marker, in: message) { return seconds }
        }
        return nil
    }

    /// True for flood control, even when no wait could be read from the message.
    package var isFloodWait: Bool {
        code == 429 || code == 420 || floodWaitSeconds != nil
    }

    /// The decimal number directly following `marker` in `text`, if any.
    private static func number(after marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker, options: .caseInsensitive) else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }
}
