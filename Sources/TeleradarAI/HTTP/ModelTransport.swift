import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TeleradarCore

/// A raw HTTP answer: status, headers and the collected body.
package struct ModelHTTPResponse: Sendable {
    /// The HTTP status.
    package var status: HTTPResponseStatus
    /// The response headers.
    package var headers: HTTPHeaders
    /// The whole body.
    package var body: Data
}

/// Sends one JSON or form request to a model provider with a deadline, and classifies failures.
///
/// Shared by every HTTP client of this target. Non-2xx statuses become `ModelError` through
/// `ModelErrorMapping`; so do transport failures. Headers are never logged (they carry API keys).
package struct ModelTransport: Sendable {
    /// The shared AsyncHTTPClient (owned and shut down by the caller).
    package var httpClient: HTTPClient
    /// Deadline of one request, from sending to the last byte of the answer.
    package var timeout: Duration
    /// Largest accepted answer body.
    package var maxResponseBytes: Int
    /// Logger for request outcomes (never headers or bodies).
    package var logger: Logger

    /// Creates a transport.
    package init(httpClient: HTTPClient, timeout: Duration, maxResponseBytes: Int = 32 << 20, logger: Logger) {
        self.httpClient = httpClient
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        self.logger = logger
    }

    /// POSTs `body` as JSON and returns the 2xx answer, or throws `ModelError`.
    package func postJSON(
        url: String, headers: HTTPHeaders, body: some Encodable & Sendable
    ) async throws -> ModelHTTPResponse {
        let data: Data
        do {
            data = try JSONEncoder().encode(body)
        } catch {
            throw ModelError.rejected("could not encode the request: \(error)")
        }
        var headers = headers
        headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        return try await post(url: url, headers: headers, body: data)
    }

    /// POSTs raw bytes (headers must carry the content type) and returns the 2xx answer, or throws `ModelError`.
    package func post(url: String, headers: HTTPHeaders, body: Data) async throws -> ModelHTTPResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = headers
        if !request.headers.contains(name: "Accept") {
            request.headers.add(name: "Accept", value: "application/json")
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let started = ContinuousClock.now
        let response: ModelHTTPResponse
        do {
            let deadline = NIODeadline.now() + TimeAmount(timeout)
            let answer = try await httpClient.execute(request, deadline: deadline, logger: logger)
            let bytes = try await answer.body.collect(upTo: maxResponseBytes)
            response = ModelHTTPResponse(
                status: answer.status, headers: answer.headers, body: Data(bytes.readableBytesView))
        } catch let error as NIOTooManyBytesError {
            throw ModelError.badResponse("answer larger than \(error.maxBytes ?? maxResponseBytes) bytes")
        } catch {
            let mapped = ModelErrorMapping.transportError(error)
            logger.debug("model request failed", metadata: ["url": "\(url)", "error": "\(mapped)"])
            throw mapped
        }
        let elapsed = ContinuousClock.now - started
        guard (200..<300).contains(response.status.code) else {
            let error = ModelErrorMapping.error(status: response.status, headers: response.headers, body: response.body)
            logger.debug(
                "model request refused",
                metadata: ["url": "\(url)", "status": "\(response.status.code)", "error": "\(error)"]
            )
            throw error
        }
        logger.trace("model request done", metadata: ["url": "\(url)", "elapsed": "\(elapsed)"])
        return response
    }

    /// Decodes a 2xx JSON answer, mapping decoding failures to `ModelError.badResponse`.
    package static func decode<T: Decodable>(_ type: T.Type, from response: ModelHTTPResponse) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            let start = String(decoding: response.body.prefix(160), as: UTF8.self)
            let reason = ModelErrorMapping.shorten(String(describing: error))
            throw ModelError.badResponse("could not decode \(T.self): \(reason); body starts: \(start)")
        }
    }
}
