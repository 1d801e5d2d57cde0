import Foundation

extension Date {
    /// Milliseconds since the Unix epoch: how every timestamp is stored in the database.
    package var millis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    /// A date from milliseconds since the Unix epoch.
    package init(millis: Int64) { self.init(timeIntervalSince1970: Double(millis) / 1000) }
}

extension Duration {
    /// The duration in milliseconds (fractional).
    package var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }

    /// The duration in seconds (fractional).
    package var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
