import Foundation

/// One `name="value"` pair of an HTML start tag; the name is lower-cased, the value has its character
/// references decoded (a bare attribute such as `loop` has an empty value).
package struct HTMLAttribute: Sendable, Hashable {
    /// Lower-cased attribute name.
    package var name: String
    /// Decoded attribute value.
    package var value: String

    /// Creates an attribute.
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One node of an `HTMLDocument`, stored flat in document (pre-order) order.
///
/// Because a node's descendants are exactly the nodes that follow it up to `end`, subtrees are walked
/// with plain index loops — no recursion, so arbitrarily deep markup cannot overflow the stack.
package struct HTMLNode: Sendable, Hashable {
    /// What the node is.
    package enum Kind: Sendable, Hashable {
        /// The synthetic root holding the whole document.
        case document
        /// An element such as `<div>`.
        case element
        /// Character data with references decoded.
        case text
        /// The verbatim content of `<script>` or `<style>`; never part of visible text.
        case rawText
        /// An HTML comment, doctype or processing instruction.
        case comment
    }

    /// What the node is.
    package var kind: Kind
    /// Lower-cased tag name for elements, empty otherwise.
    package var name: String
    /// Attributes in source order (elements only).
    package var attributes: [HTMLAttribute]
    /// The class tokens of the `class` attribute, split on whitespace (elements only).
    package var classList: [String]
    /// Text content for text, raw-text and comment nodes; empty for elements.
    package var text: String
    /// Index of the parent node, or -1 for the document root.
    package var parent: Int
    /// Exclusive end index of this node's subtree in `HTMLDocument.nodes`.
    package var end: Int
    /// Nesting depth; the document root is 0.
    package var depth: Int

    /// Creates a node.
    package init(
        kind: Kind, name: String = "", attributes: [HTMLAttribute] = [], text: String = "",
        parent: Int, end: Int, depth: Int
    ) {
        self.kind = kind
        self.name = name
        self.attributes = attributes
        self.text = text
        self.parent = parent
        self.end = end
        self.depth = depth
        if let classes = attributes.first(where: { $0.name == "class" })?.value {
            classList = classes.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{0C}" })
                .map(String.init)
        } else {
            classList = []
        }
    }

    /// Whether this is an element.
    package var isElement: Bool { kind == .element }

    /// The value of the first attribute called `name` (case-insensitive), if present.
    package func attribute(_ name: String) -> String? {
        let wanted = name.lowercased()
        return attributes.first(where: { $0.name == wanted })?.value
    }

    /// Whether the element carries the class token `token` exactly.
    package func hasClass(_ token: String) -> Bool {
        classList.contains(token)
    }
}
