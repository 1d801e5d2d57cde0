import Hummingbird

/// Refuses bodies larger than `HTTP_MAX_BODY_BYTES` with 413 before reading them, by Content-Length.
/// Bodies without a length (chunked) are cut when collected at the request context's `maxUploadSize`.
package struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    package let maxBytes: Int

    package init(maxBytes: Int) { self.maxBytes = maxBytes }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > min(maxBytes, context.maxUploadSize) {
            throw APIError(
                .contentTooLarge, code: "payload_too_large",
                message: "the body is larger than \(min(maxBytes, context.maxUploadSize)) bytes")
        }
        return try await next(request, context)
    }
}
