import Foundation

/// A `/command@bot arguments` at the start of a message, located with its `bot_command` entity.
package struct BotCommandInvocation: Sendable, Hashable {
    /// The command without `/` and without `@bot`, lower-cased (`start`).
    package var name: String
    /// The bot username after `@`, if the command was addressed (`/start@TeleradarBot`).
    package var botUsername: String?
    /// The rest of the text after the command, trimmed.
    package var arguments: String

    /// Memberwise initializer.
    package init(name: String, botUsername: String? = nil, arguments: String = "") {
        self.name = name
        self.botUsername = botUsername
        self.arguments = arguments
    }

    /// The command that starts `message`'s text, if its first entity is a `bot_command` at offset 0.
    package init?(message: BotAPI.Message) {
        guard let text = message.text,
              let entity = message.entities?.first(where: { $0.type == "bot_command" && $0.offset == 0 }),
              let token = entity.substring(of: text), token.hasPrefix("/") else { return nil }
        let body = token.dropFirst()
        if let at = body.firstIndex(of: "@") {
            name = body[..<at].lowercased()
            botUsername = String(body[body.index(after: at)...])
        } else {
            name = body.lowercased()
            botUsername = nil
        }
        let rest = text.unicodeScalars.dropFirst(token.unicodeScalars.count)
        arguments = String(String.UnicodeScalarView(rest)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True if the command is meant for the bot called `username` (unaddressed commands are for every bot).
    package func isAddressed(to username: String) -> Bool {
        botUsername.map { $0.caseInsensitiveCompare(username) == .orderedSame } ?? true
    }
}
