import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real TDLib, `libtdjson.so`, loaded with `dlopen` and called through its C JSON interface.
///
/// Loading the same file twice yields the same process-wide TDLib (the dynamic loader reference-counts it); the
/// library is never unloaded, because TDLib keeps threads running for the life of the process.
package struct TDJSONLibrary: TDJSONTransport {
    private typealias CreateClientID = @convention(c) () -> Int32
    private typealias Send = @convention(c) (Int32, UnsafePointer<CChar>?) -> Void
    private typealias Receive = @convention(c) (Double) -> UnsafePointer<CChar>?
    private typealias Execute = @convention(c) (UnsafePointer<CChar>?) -> UnsafePointer<CChar>?
    private typealias SetLogVerbosity = @convention(c) (Int32) -> Void

    /// The file that was loaded, as given.
    package let path: String
    /// All instances loaded from the same real file share TDLib's one receive queue.
    package let receiverKey: String

    private let createClientIDFunction: CreateClientID
    private let sendFunction: Send
    private let receiveFunction: Receive
    private let executeFunction: Execute
    private let setLogVerbosityFunction: SetLogVerbosity

    /// Loads the library at `path` and resolves its five functions.
    /// - Throws: `TDJSONLibraryError` naming the path when the file is missing, cannot be loaded, or lacks a symbol.
    package init(path: String) throws(TDJSONLibraryError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .libraryNotFound(path: path) }
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            throw .loadFailed(path: path, reason: reason)
        }
        func symbol<Function>(_ name: String, as type: Function.Type) throws(TDJSONLibraryError) -> Function {
            guard let address = dlsym(handle, name) else { throw .symbolMissing(symbol: name, path: path) }
            return unsafeBitCast(address, to: type)
        }
        self.path = path
        self.receiverKey = "libtdjson:" + URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        createClientIDFunction = try symbol("td_create_client_id", as: CreateClientID.self)
        sendFunction = try symbol("td_send", as: Send.self)
        receiveFunction = try symbol("td_receive", as: Receive.self)
        executeFunction = try symbol("td_execute", as: Execute.self)
        setLogVerbosityFunction = try symbol("td_set_log_verbosity_level", as: SetLogVerbosity.self)
    }

    /// `td_create_client_id`: a new TDLib instance, started by the first request sent to it.
    package func createClientID() -> Int32 {
        createClientIDFunction()
    }

    /// `td_send`: queues `json` for the instance `clientID`.
    package func send(clientID: Int32, json: String) {
        json.withCString { sendFunction(clientID, $0) }
    }

    /// `td_receive`: blocks up to `timeout` seconds for the next response or update of any instance.
    /// The returned text is copied at once, since TDLib reuses its buffer on the next call.
    package func receive(timeout: Double) -> String? {
        receiveFunction(timeout).map { String(cString: $0) }
    }

    /// `td_execute`: runs a synchronous request and returns TDLib's JSON answer.
    package func execute(_ json: String) -> String? {
        json.withCString { executeFunction($0) }.map { String(cString: $0) }
    }

    /// `td_set_log_verbosity_level`: 0 fatal only, 1 errors, 2 warnings, 3 info, 4 debug, 5 verbose debug.
    package func setLogVerbosity(_ level: Int32) {
        setLogVerbosityFunction(level)
    }
}
