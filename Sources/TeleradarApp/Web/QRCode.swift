import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A QR code's module matrix, encoded by libqrencode (Debian `libqrencode4`, loaded with `dlopen`): byte-mode
/// data at error-correction level M, the smallest version that fits.
package struct QRCode: Sendable, Hashable {
    /// The QR version (1–40).
    package let version: Int
    /// Modules per side (17 + 4 × version).
    package let size: Int
    /// Row-major, true for a dark module.
    package let modules: [Bool]

    /// Whether the module at (`x`, `y`) is dark.
    package subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// Encodes `text` (UTF-8 bytes).
    /// - Throws: `QRCodeError` when libqrencode is missing or the text does not fit.
    package init(encoding text: String) throws(QRCodeError) {
        let library = try QREncodeLibrary.shared.get()
        guard let code = text.withCString({ library.encodeString($0, 0, 1, 2, 1) }) else {
            throw .encodingFailed(bytes: text.utf8.count)
        }
        defer { library.free(code) }
        let raw = UnsafeRawPointer(code)
        let version = Int(raw.load(as: Int32.self))
        let width = Int(raw.load(fromByteOffset: 4, as: Int32.self))
        // struct QRcode { int version; int width; unsigned char *data; }: the pointer is aligned after two ints.
        let dataOffset = max(8, MemoryLayout<UnsafeRawPointer>.alignment)
        guard width > 0, let data = raw.load(fromByteOffset: dataOffset, as: UnsafePointer<UInt8>?.self) else {
            throw .encodingFailed(bytes: text.utf8.count)
        }
        // Bit 0 of each byte is the module's colour (1 = dark); the other bits describe its role.
        self.version = version
        self.size = width
        self.modules = (0..<(width * width)).map { data[$0] & 1 == 1 }
    }

    /// The code as a standalone SVG: one path of unit squares with a 4-module quiet zone, black on white.
    package func svg(border: Int = 4) -> String {
        let side = size + 2 * border
        var path = ""
        path.reserveCapacity(modules.count * 4)
        for y in 0..<size {
            for x in 0..<size where self[x, y] {
                path += "M\(x + border) \(y + border)h1v1h-1z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side * 8)" \
            height="\(side * 8)" shape-rendering="crispEdges"><rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path fill="#000" d="\(path)"/></svg>
            """
    }
}

/// Why a QR code could not be made.
package enum QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `libqrencode.so.4` could not be loaded (install the Debian package `libqrencode4`).
    case libraryUnavailable(String)
    /// libqrencode refused the text (too long for version 40).
    case encodingFailed(bytes: Int)

    /// A human-readable explanation.
    package var description: String {
        switch self {
        case .libraryUnavailable(let reason):
            "libqrencode is not available (install the Debian package libqrencode4): \(reason)"
        case .encodingFailed(let bytes): "a QR code cannot hold these \(bytes) bytes"
        }
    }
}

/// libqrencode's two functions, resolved once per process.
struct QREncodeLibrary: Sendable {
    /// `QRcode *QRcode_encodeString(const char *, int version, QRecLevel, QRencodeMode, int casesensitive)`.
    typealias EncodeString =
        @convention(c) (UnsafePointer<CChar>?, Int32, Int32, Int32, Int32) -> UnsafeMutableRawPointer?
    /// `void QRcode_free(QRcode *)`.
    typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void

    let encodeString: EncodeString
    let free: Free

    static let shared: Result<QREncodeLibrary, QRCodeError> = {
        guard let handle = dlopen("libqrencode.so.4", RTLD_NOW | RTLD_LOCAL) else {
            return .failure(.libraryUnavailable(dlerror().map { String(cString: $0) } ?? "dlopen failed"))
        }
        guard let encode = dlsym(handle, "QRcode_encodeString"), let free = dlsym(handle, "QRcode_free") else {
            return .failure(.libraryUnavailable("libqrencode.so.4 lacks QRcode_encodeString or QRcode_free"))
        }
        return .success(
            QREncodeLibrary(
                encodeString: unsafeBitCast(encode, to: EncodeString.self), free: unsafeBitCast(free, to: Free.self)))
    }()
}
