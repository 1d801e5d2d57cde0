import Foundation

/// Why `libtdjson.so` could not be loaded.
package enum TDJSONLibraryError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// No file exists at the path.
    case libraryNotFound(path: String)
    /// The file exists but `dlopen` refused it; `reason` is `dlerror()`'s message.
    case loadFailed(path: String, reason: String)
    /// The library loaded but does not export `symbol`.
    case symbolMissing(symbol: String, path: String)

    /// A human-readable explanation naming the path.
    package var description: String {
        switch self {
        case .libraryNotFound(let path):
            "TDLib JSON library not found at \(path) (run scripts/setup.sh to install the python-telegram wheel)"
        case .loadFailed(let path, let reason):
            "could not load the TDLib JSON library at \(path): \(reason)"
        case .symbolMissing(let symbol, let path):
            "the library at \(path) does not export \(symbol); is it really libtdjson?"
        }
    }

    /// Same as `description`.
    package var errorDescription: String? { description }
}
