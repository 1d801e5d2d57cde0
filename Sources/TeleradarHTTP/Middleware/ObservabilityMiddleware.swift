import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics

/// The outermost middleware: gives every request a trace id (the one of an incoming W3C `traceparent` when it
/// is valid, otherwise a fresh one), puts it on the request's logger (`trace_id`) and on the response
/// (`X-Trace-ID`), counts requests (`http_requests_total{method,route,status}`), times them
/// (`http_request_duration_seconds{method,route}`) and writes one log line per request.
package struct ObservabilityMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Whether to log a line per request (at info).
    package var logRequests: Bool

    package init(logRequests: Bool = true) { self.logRequests = logRequests }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let traceID = request.headers[.traceparent].flatMap(TraceID.fromTraceparent) ?? TraceID.random()
        var context = context
        context.logger[metadataKey: "trace_id"] = .string(traceID)
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.traceID] = traceID
        let elapsed = ContinuousClock.now - started
        // Unmatched paths share one label, so scanners cannot blow up the metric's cardinality.
        let route = context.endpointPath ?? "unmatched"
        let method = request.method.rawValue
        let status = Int(response.status.code)
        Counter(
            label: "http_requests_total",
            dimensions: [("method", method), ("route", route), ("status", String(status))]
        )
        .increment()
        Timer(label: "http_request_duration_seconds", dimensions: [("method", method), ("route", route)])
            .recordNanoseconds(
                elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        if logRequests {
            context.logger.info(
                "request",
                metadata: [
                    "method": .string(method), "path": .string(request.uri.path), "route": .string(route),
                    "status": .stringConvertible(status),
                    "duration_ms": .string(String(format: "%.2f", elapsed.milliseconds)),
                ])
        }
        return response
    }
}

/// W3C trace ids: 32 lowercase hex characters, not all zeros.
package enum TraceID {
    /// The trace id of a `traceparent` header (`00-<trace id>-<parent id>-<flags>`), or nil when malformed.
    package static func fromTraceparent(_ header: String) -> String? {
        let parts = header.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].count == 2, parts[0] != "ff", parts[1].count == 32, parts[2].count == 16,
            parts[3].count == 2, parts.allSatisfy({ $0.allSatisfy(\.isHexDigit) })
        else { return nil }
        let id = parts[1].lowercased()
        guard id != String(repeating: "0", count: 32), parts[2] != "0000000000000000" else { return nil }
        return id
    }

    /// A fresh random trace id.
    package static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension HTTPField.Name {
    /// W3C Trace Context.
    package static let traceparent = HTTPField.Name("traceparent")!
    /// The trace id of the request, on every response.
    package static let traceID = HTTPField.Name("X-Trace-ID")!
}
