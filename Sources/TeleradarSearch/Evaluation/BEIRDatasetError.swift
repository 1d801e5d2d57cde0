/// Why a BEIR data set could not be loaded; every case names the file, and the line when there is one.
package enum BEIRDatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A required file does not exist.
    case missingFile(String)
    /// A file exists but cannot be read.
    case unreadable(file: String, reason: String)
    /// A line is not what the format requires.
    case malformed(file: String, line: Int, reason: String)
    /// An id (or a query–document pair in qrels) appears twice.
    case duplicateID(file: String, line: Int, id: String)
    /// A judgement names a query or document that the set does not have.
    case unknownReference(file: String, line: Int, reason: String)

    /// A one-line explanation: `path:line: reason`.
    package var description: String {
        switch self {
        case .missingFile(let path): "\(path): file not found"
        case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
        case .malformed(let file, let line, let reason): "\(file):\(line): \(reason)"
        case .duplicateID(let file, let line, let id): "\(file):\(line): duplicate id \"\(id)\""
        case .unknownReference(let file, let line, let reason): "\(file):\(line): \(reason)"
        }
    }
}
