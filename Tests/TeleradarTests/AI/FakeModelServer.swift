import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// One request the fake server received.
struct FakeModelRequest: Sendable {
    var method: String
    var path: String
    var headers: HTTPHeaders
    var body: Data

    /// The first value of header `name` (case-insensitive).
    func header(_ name: String) -> String? { headers.first(name: name) }

    /// The body as a JSON object.
    func jsonObject() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: body)
        guard let dictionary = object as? [String: Any] else { throw FakeModelServerError.notAnObject }
        return dictionary
    }

    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A scripted answer of the fake server.
struct FakeModelResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
    /// Wait this long before answering (to provoke client timeouts).
    var delay: Duration?

    /// A JSON answer.
    static func json(_ body: String, status: Int = 200, headers: [String: String] = [:], delay: Duration? = nil) -> Self
    {
        var headers = headers
        headers["Content-Type"] = headers["Content-Type"] ?? "application/json"
        return FakeModelResponse(status: status, headers: headers, body: Data(body.utf8), delay: delay)
    }
}

enum FakeModelServerError: Error { case notAnObject }

/// Requests and scripts shared between the test and the server's event loop.
final class FakeModelServerRecorder: Sendable {
    private struct State {
        var requests: [FakeModelRequest] = []
        var scripts: [String: [FakeModelResponse]] = [:]
    }
    private let state = Mutex(State())

    /// Queues answers for `path`; the last one queued repeats once the others are used.
    func enqueue(_ path: String, _ responses: [FakeModelResponse]) {
        state.withLock { $0.scripts[path, default: []] += responses }
    }

    /// Records `request` and returns the next scripted answer for its path (404 when none).
    func handle(_ request: FakeModelRequest) -> FakeModelResponse {
        state.withLock { state in
            state.requests.append(request)
            guard var queue = state.scripts[request.path], let next = queue.first else {
                return .json(#"{"error":{"message":"no script for \#(request.path)"}}"#, status: 404)
            }
            if queue.count > 1 {
                queue.removeFirst()
                state.scripts[request.path] = queue
            }
            return next
        }
    }

    /// Every request so far, in arrival order.
    var requests: [FakeModelRequest] { state.withLock { $0.requests } }
}

/// A tiny HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for tests only: it records requests and answers
/// scripted responses per path.
final class FakeModelServer: Sendable {
    private let recorder: FakeModelServerRecorder
    private let closeChannel: @Sendable () async throws -> Void
    /// The bound port.
    let port: Int

    /// `http://127.0.0.1:<port>`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(channel: any Channel, recorder: FakeModelServerRecorder) {
        self.recorder = recorder
        self.port = channel.localAddress?.port ?? 0
        self.closeChannel = { try await channel.close() }
    }

    /// Starts a server.
    static func start() async throws -> FakeModelServer {
        let recorder = FakeModelServerRecorder()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    try child.pipeline.syncOperations.addHandler(FakeModelServerHandler(recorder: recorder))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return FakeModelServer(channel: channel, recorder: recorder)
    }

    /// Queues answers for `path`; the last one queued repeats.
    func enqueue(_ path: String, _ responses: FakeModelResponse...) { recorder.enqueue(path, responses) }

    /// Every request so far.
    var requests: [FakeModelRequest] { recorder.requests }

    /// Requests to `path`.
    func requests(to path: String) -> [FakeModelRequest] { requests.filter { $0.path == path } }

    /// Stops listening.
    func stop() async throws { try await closeChannel() }
}

/// Collects one request, asks the recorder for the answer and writes it (after the scripted delay).
private final class FakeModelServerHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let recorder: FakeModelServerRecorder
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var active = true

    init(recorder: FakeModelServerRecorder) { self.recorder = recorder }

    func channelInactive(context: ChannelHandlerContext) {
        active = false
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            let path = String(head.uri.split(separator: "?", maxSplits: 1).first ?? "")
            let request = FakeModelRequest(
                method: head.method.rawValue, path: path, headers: head.headers, body: Data(body.readableBytesView)
            )
            let response = recorder.handle(request)
            if let delay = response.delay {
                context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(delay)) {
                    self.write(response, context: context)
                }
            } else {
                write(response, context: context)
            }
        }
    }

    private func write(_ response: FakeModelResponse, context: ChannelHandlerContext) {
        guard active else { return }
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        headers.replaceOrAdd(name: "Content-Length", value: "\(response.body.count)")
        let head = HTTPResponseHead(
            version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
