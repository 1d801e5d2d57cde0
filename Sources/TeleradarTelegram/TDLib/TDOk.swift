import Foundation

/// TDLib's `ok = Ok;`, the answer of requests without a result.
package struct TDOk: TDDecodable, Hashable {
    /// The TL constructor.
    package static let constructors = ["ok"]

    /// The only value.
    package init() {}

    /// Accepts any `ok` object.
    package init(from decoder: any Decoder) throws {}
}
