import Foundation

/// The five-call JSON interface of TDLib (`td_create_client_id`, `td_send`, `td_receive`, `td_execute`), as the
/// client uses it. `TDJSONLibrary` implements it over the real `libtdjson.so`; tests substitute an in-process fake
/// that speaks the same JSON.
///
/// TDLib's receive queue is shared by every client id of a process, so `receive(timeout:)` must only ever be
/// called from one thread at a time: `TDLibReceiver` owns that single loop per `receiverKey`.
package protocol TDJSONTransport: Sendable {
    /// Identifies the receive queue behind this transport. Transports with the same key share one receive loop
    /// (every `TDJSONLibrary` of the same file shares TDLib's process-wide queue).
    var receiverKey: String { get }
    /// Creates a new TDLib instance and returns its id. The instance starts with the first request sent to it.
    func createClientID() -> Int32
    /// Sends a JSON-serialised request to the TDLib instance `clientID`. Never blocks.
    func send(clientID: Int32, json: String)
    /// Waits up to `timeout` seconds for the next response or update of any client id; nil on timeout.
    func receive(timeout: Double) -> String?
    /// Synchronously executes a request that TDLib allows to run synchronously (`getOption` for a few
    /// options, `setLogVerbosityLevel`, text parsing…); nil only if TDLib returned nothing.
    func execute(_ json: String) -> String?
}

extension TDJSONTransport {
    /// Executes `function` synchronously and decodes its result, throwing TDLib's `error` as `.tdlib`.
    package func execute<Function: TDFunction>(_ function: Function) throws(TDLibError) -> Function.Result {
        let json = try TDRequestEnvelope(function: function, extra: nil).jsonString()
        guard let answer = execute(json) else {
            throw .malformedResponse("td_execute returned nothing for \(Function.typeName)")
        }
        let incoming = try TDIncoming(json: answer)
        return try incoming.decodeResult(Function.Result.self)
    }
}
