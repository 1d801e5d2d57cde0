import Foundation

/// A parsed HTML document: a flat, pre-order array of `HTMLNode`s plus query helpers.
///
/// Tree building is deliberately simple and tolerant rather than a full HTML5 implementation: void
/// elements never take children, `/>` closes any element, an end tag closes the nearest open element of
/// that name (and everything opened after it), a stray end tag is ignored, and a few elements (`p`, `li`,
/// `option`, `td`/`th`, `tr`, `dt`/`dd`) are closed implicitly by their siblings. Whatever the input, the
/// result is a well-formed tree and building it is linear in the input size (no recursion).
package struct HTMLDocument: Sendable {
    /// Elements that never have content.
    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
        "source", "track", "wbr",
    ]
    /// Start tags that implicitly close an open element of the same family when it is the current node.
    private static let impliedClosers: [String: Set<String>] = [
        "p": ["p"], "li": ["li"], "option": ["option"], "td": ["td", "th"], "th": ["td", "th"],
        "tr": ["tr", "td", "th"], "dt": ["dt", "dd"], "dd": ["dt", "dd"],
    ]
    /// Block-level start tags that close an open `<p>`.
    private static let paragraphClosers: Set<String> = [
        "div", "p", "ul", "ol", "table", "blockquote", "pre", "section", "header", "footer", "main",
        "h1", "h2", "h3", "h4", "h5", "h6", "form", "hr",
    ]

    /// All nodes in document order; index 0 is the document root.
    package private(set) var nodes: [HTMLNode]

    /// Parses `html`. Never fails; malformed markup is recovered.
    package init(html: String) {
        var nodes = [HTMLNode(kind: .document, parent: -1, end: 1, depth: 0)]
        var stack = [0]
        var openCount: [String: Int] = [:]

        func close(_ index: Int) {
            nodes[index].end = nodes.count
            openCount[nodes[index].name, default: 1] -= 1
        }
        func append(_ kind: HTMLNode.Kind, text: String) {
            let parent = stack[stack.count - 1]
            nodes.append(HTMLNode(kind: kind, text: text, parent: parent, end: nodes.count + 1,
                                  depth: nodes[parent].depth + 1))
        }

        var tokenizer = HTMLTokenizer(html: html)
        while let token = tokenizer.next() {
            switch token {
            case .text(let text): append(.text, text: text)
            case .rawText(let text): append(.rawText, text: text)
            case .comment(let text): append(.comment, text: text)
            case .startTag(let name, let attributes, let selfClosing):
                if let current = stack.last, current != 0 {
                    let currentName = nodes[current].name
                    if Self.impliedClosers[name]?.contains(currentName) == true
                        || (currentName == "p" && Self.paragraphClosers.contains(name)) {
                        close(stack.removeLast())
                    }
                }
                let parent = stack[stack.count - 1]
                let index = nodes.count
                nodes.append(HTMLNode(kind: .element, name: name, attributes: attributes, parent: parent,
                                      end: index + 1, depth: nodes[parent].depth + 1))
                if !selfClosing && !Self.voidElements.contains(name) {
                    stack.append(index)
                    openCount[name, default: 0] += 1
                }
            case .endTag(let name):
                if name == "br" {
                    // `</br>` is treated as `<br>` by browsers.
                    let parent = stack[stack.count - 1]
                    nodes.append(HTMLNode(kind: .element, name: "br", parent: parent, end: nodes.count + 1,
                                          depth: nodes[parent].depth + 1))
                    continue
                }
                guard openCount[name, default: 0] > 0 else { continue }
                while stack.count > 1 {
                    let index = stack.removeLast()
                    close(index)
                    if nodes[index].name == name { break }
                }
            }
        }
        while stack.count > 1 { close(stack.removeLast()) }
        nodes[0].end = nodes.count
        self.nodes = nodes
    }

    // MARK: - Navigation

    /// The document root's index.
    package var root: Int { 0 }

    /// The node at `index`.
    package subscript(index: Int) -> HTMLNode { nodes[index] }

    /// The indices of the node's direct children, in order.
    package func children(of index: Int) -> [Int] {
        var result: [Int] = []
        var child = index + 1
        while child < nodes[index].end {
            result.append(child)
            child = nodes[child].end
        }
        return result
    }

    /// Whether `index` lies strictly inside the subtree of `ancestor`.
    package func isDescendant(_ index: Int, of ancestor: Int) -> Bool {
        index > ancestor && index < nodes[ancestor].end
    }

    /// The nearest ancestor of `index` (excluding itself) for which `predicate` holds.
    package func ancestor(of index: Int, where predicate: (HTMLNode) -> Bool) -> Int? {
        var cursor = nodes[index].parent
        while cursor >= 0 {
            if predicate(nodes[cursor]) { return cursor }
            cursor = nodes[cursor].parent
        }
        return nil
    }

    // MARK: - Queries

    /// Elements in the subtree of `scope` (default: whole document, excluding `scope` itself) for which
    /// `predicate` holds, in document order.
    package func elements(in scope: Int = 0, where predicate: (HTMLNode) -> Bool) -> [Int] {
        var result: [Int] = []
        var index = scope + 1
        while index < nodes[scope].end {
            if nodes[index].kind == .element, predicate(nodes[index]) { result.append(index) }
            index += 1
        }
        return result
    }

    /// The first element in the subtree of `scope` for which `predicate` holds.
    package func firstElement(in scope: Int = 0, where predicate: (HTMLNode) -> Bool) -> Int? {
        var index = scope + 1
        while index < nodes[scope].end {
            if nodes[index].kind == .element, predicate(nodes[index]) { return index }
            index += 1
        }
        return nil
    }

    /// Elements carrying the class token `token` inside `scope`.
    package func elements(withClass token: String, in scope: Int = 0) -> [Int] {
        elements(in: scope) { $0.hasClass(token) }
    }

    /// The first element carrying the class token `token` inside `scope`.
    package func firstElement(withClass token: String, in scope: Int = 0) -> Int? {
        firstElement(in: scope) { $0.hasClass(token) }
    }

    /// The first element named `name` (lower-case) inside `scope`.
    package func firstElement(named name: String, in scope: Int = 0) -> Int? {
        firstElement(in: scope) { $0.name == name }
    }

    /// The value of attribute `name` on the node at `index`.
    package func attribute(_ name: String, of index: Int) -> String? {
        nodes[index].attribute(name)
    }

    /// The `content` of `<meta property="…">` or `<meta name="…">` called `key`.
    package func metaContent(_ key: String) -> String? {
        guard let meta = firstElement(where: { $0.name == "meta" && ($0.attribute("property") == key || $0.attribute("name") == key) })
        else { return nil }
        return nodes[meta].attribute("content")
    }

    /// The visible text of the subtree at `index`, as a browser would lay it out on one line: `<br>` becomes
    /// a newline, each run of whitespace collapses to one space, `<script>`/`<style>` and comments are
    /// skipped, and the result is trimmed. Returns "" for an empty subtree.
    package func innerText(of index: Int) -> String {
        var output = ""
        var pendingSpace = false
        var node = index + 1
        while node < nodes[index].end {
            let current = nodes[node]
            switch current.kind {
            case .text:
                for scalar in current.text.unicodeScalars {
                    if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}" {
                        pendingSpace = true
                    } else {
                        if pendingSpace, let last = output.unicodeScalars.last, last != "\n" {
                            output.unicodeScalars.append(" ")
                        }
                        pendingSpace = false
                        output.unicodeScalars.append(scalar)
                    }
                }
            case .element where current.name == "br":
                output.append("\n")
                pendingSpace = false
            case .element where current.name == "img":
                if let alt = current.attribute("alt"), current.hasClass("emoji") { output.append(alt) }
            default:
                break
            }
            node += 1
        }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
