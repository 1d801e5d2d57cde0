import Foundation
import Hummingbird
import Logging

/// Turns every error into the API's JSON error shape; unexpected errors are logged (Hummingbird logs them
/// only at debug) and answered with a generic 500 that leaks nothing.
package struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let apiError = APIError.from(error) {
                if apiError.status.code >= 500 {
                    context.logger.error("request failed", metadata: ["error": "\(apiError)", "path": "\(request.uri.path)"])
                }
                throw apiError
            }
            if error is CancellationError { throw error }
            context.logger.error(
                "unexpected error", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            throw APIError(.internalServerError, code: "internal_error", message: "an internal error occurred")
        }
    }
}
