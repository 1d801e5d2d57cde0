import Foundation
import Hummingbird
import TeleradarApp
import TeleradarCore
import TeleradarStorage

/// `GET /health`: liveness plus a database round trip. 200 when the database answers, 503 otherwise.
/// `GET /health/dependencies`: every dependency with its latency (503 only when the database is down).
/// `GET /metrics`: Prometheus.
package struct HealthController<Context: RequestContext>: Sendable {
    package let context: AppContext
    package let checker: DependencyChecker

    package struct Health: ResponseCodable {
        package struct Component: Codable, Sendable {
            package var status: String
            package var kind: String?
            package var latencyMs: Double?
            package var error: String?

            enum CodingKeys: String, CodingKey {
                case status, kind, error
                case latencyMs = "latency_ms"
            }
        }
        package var status: String
        package var version: String
        package var uptimeSeconds: Int
        package var database: Component

        enum CodingKeys: String, CodingKey {
            case status, version, database
            case uptimeSeconds = "uptime_seconds"
        }
    }

    package func addRoutes(to router: Router<Context>) {
        router.get("/health") { _, _ in try await health() }
        router.get("/health/dependencies") { _, _ -> Response in
            let report = await checker.report()
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Response(
                status: report.status == "down" ? .serviceUnavailable : .ok,
                headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(report))))
        }
        router.get("/metrics") { _, _ -> Response in
            let text = await TeleradarMetrics.render(database: context.database)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    func health() async throws -> EditedResponse<Health> {
        let database: Health.Component
        do {
            let latency = try await context.database.ping()
            database = .init(
                status: "ok", kind: context.database.kind.rawValue,
                latencyMs: (latency.milliseconds * 100).rounded() / 100)
        } catch {
            database = .init(status: "error", kind: context.database.kind.rawValue, error: "\(error)")
        }
        let ok = database.status == "ok"
        let body = Health(
            status: ok ? "ok" : "degraded", version: TeleradarVersion.current,
            uptimeSeconds: Int(Date().timeIntervalSince(context.startedAt)), database: database)
        return EditedResponse(status: ok ? .ok : .serviceUnavailable, response: body)
    }
}
