import Foundation

/// `getOption`: the value of a TDLib option; `version` and a few others can be read with `td_execute`.
package struct TDGetOption: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDOptionValue
    /// The TL function.
    package static let typeName = "getOption"

    /// The option name (`version`, `commit_hash`, `my_id`…).
    package var name: String

    /// The request for `name`.
    package init(name: String) {
        self.name = name
    }
}

/// `setLogVerbosityLevel`: TDLib's internal log level (0 fatal only … 5 verbose debug); synchronous.
package struct TDSetLogVerbosityLevel: TDFunction, Hashable {
    /// What TDLib answers with.
    package typealias Result = TDOk
    /// The TL function.
    package static let typeName = "setLogVerbosityLevel"

    /// The new level.
    package var newVerbosityLevel: Int32

    enum CodingKeys: String, CodingKey {
        case newVerbosityLevel = "new_verbosity_level"
    }

    /// The request for `level`.
    package init(newVerbosityLevel level: Int32) {
        self.newVerbosityLevel = level
    }
}
