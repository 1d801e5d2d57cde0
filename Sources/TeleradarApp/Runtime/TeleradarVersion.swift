/// The version of this build.
package enum TeleradarVersion {
    package static let current = "0.1.0"
}
