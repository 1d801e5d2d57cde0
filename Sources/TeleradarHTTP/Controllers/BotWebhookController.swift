import Foundation
import HTTPTypes
import Hummingbird
import TeleradarTelegram

/// `POST /bot/webhook`: Telegram's webhook calls in `BOT_MODE=webhook`.
///
/// The `X-Telegram-Bot-Api-Secret-Token` header must equal `BOT_WEBHOOK_SECRET` (constant-time compare),
/// otherwise 401 and the body is not even read. The body is one `Update`, handed to the bot's dispatcher,
/// which handles it in the background; Telegram gets its 200 at once.
package struct BotWebhookController: Sendable {
    /// The secret and the bot's receiver.
    package let endpoint: BotWebhookEndpoint

    /// Name of the secret header.
    static let secretHeader = HTTPField.Name(BotWebhookSecret.headerName)!

    package init(endpoint: BotWebhookEndpoint) {
        self.endpoint = endpoint
    }

    package func addRoutes(to router: Router<TeleradarRequestContext>) {
        // OpenAPI: POST /bot/webhook — Telegram Update JSON in, 200 empty / 401 {error,message} / 400 {error,message};
        // authenticated by the X-Telegram-Bot-Api-Secret-Token header, not by the API's bearer auth.
        router.post(RouterPath(BotWebhookEndpoint.path)) { request, context -> Response in
            try await receive(request, context: context)
        }
    }

    func receive(_ request: Request, context: TeleradarRequestContext) async throws -> Response {
        guard endpoint.secret.matches(request.headers[Self.secretHeader]) else {
            throw APIError(
                .unauthorized, code: "unauthorized", message: "missing or wrong \(BotWebhookSecret.headerName) header")
        }
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let update: BotAPI.Update
        do {
            // Bot API keys are snake_case with explicit coding keys: a plain decoder, not the API's snake-case one.
            update = try JSONDecoder().decode(BotAPI.Update.self, from: Data(body.readableBytesView))
        } catch {
            throw APIError(.badRequest, code: "invalid_body", message: "the body is not a Telegram Update")
        }
        await endpoint.receive(update)
        return Response(status: .ok)
    }
}
