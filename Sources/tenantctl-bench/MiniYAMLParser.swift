import Foundation

/// A small reader for the YAML the example repository uses: block mappings and sequences, flow
/// collections (`{…}`, `[…]`, also over several lines), quoted scalars, comments, block scalars
/// (`|`, `>`) and several documents (`---`). Anchors, aliases and tags are not supported.
///
/// The bench only needs names out of these files (offers, bundle applications, zones), so it reads
/// them itself and keeps the target free of dependencies; tenantctl's own decoder stays the judge
/// of validity. What it cannot make sense of it skips rather than fails on.
struct MiniYAMLParser {
    private struct Line {
        var indent: Int
        /// Without its comment and surrounding blanks; empty when the line carries nothing.
        var content: String
        var raw: String
    }

    private var lines: [Line]
    private var position = 0

    static func documents(_ text: String) -> [YAMLNode] {
        var documents: [[Substring]] = [[]]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "---" || trimmed.hasPrefix("--- ") || trimmed == "..." {
                documents.append([])
            } else if !line.hasPrefix("%") {
                documents[documents.count - 1].append(line)
            }
        }
        return documents.compactMap { document in
            var parser = MiniYAMLParser(lines: document.map(Self.line))
            let node = parser.node(parentIndent: -1)
            return node.isNull ? nil : node
        }
    }

    private static func line(_ text: Substring) -> Line {
        let raw = String(text.hasSuffix("\r") ? text.dropLast() : text)
        let indent = raw.prefix { $0 == " " }.count
        return Line(indent: indent, content: stripComment(raw).trimmingCharacters(in: .whitespaces), raw: raw)
    }

    /// Cuts a `#` comment: a `#` at the start or after a blank, outside quotes.
    static func stripComment(_ text: String) -> String {
        var inSingle = false, inDouble = false, escaped = false
        var previous: Character = " "
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if inDouble {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inDouble = false }
            } else if inSingle {
                if character == "'" { inSingle = false }
            } else if character == "\"" {
                inDouble = true
            } else if character == "'" && (previous == " " || previous == "[" || previous == "{" || previous == ",") {
                inSingle = true
            } else if character == "#" && (previous == " " || previous == "\t") {
                return String(text[..<index])
            }
            previous = character
            index = text.index(after: index)
        }
        return text
    }

    // MARK: - Block structure

    private mutating func nextSignificant() -> Line? {
        while position < lines.count, lines[position].content.isEmpty { position += 1 }
        return position < lines.count ? lines[position] : nil
    }

    private static func isSequenceItem(_ content: String) -> Bool {
        content == "-" || content.hasPrefix("- ")
    }

    private mutating func node(parentIndent: Int) -> YAMLNode {
        guard let line = nextSignificant(), line.indent > parentIndent else { return .null }
        if Self.isSequenceItem(line.content) { return sequence(indent: line.indent) }
        if Self.splitKey(line.content) != nil { return mapping(indent: line.indent) }
        position += 1
        return inlineValue(line.content)
    }

    private mutating func mapping(indent: Int) -> YAMLNode {
        var entries: [YAMLNode.MappingEntry] = []
        while let line = nextSignificant(), line.indent == indent, !Self.isSequenceItem(line.content),
              let (key, rest) = Self.splitKey(line.content) {
            position += 1
            let value: YAMLNode
            if rest.isEmpty {
                if let next = nextSignificant(), next.indent == indent, Self.isSequenceItem(next.content) {
                    value = sequence(indent: indent)  // a sequence may sit at its key's indentation
                } else {
                    value = node(parentIndent: indent)
                }
            } else if rest.hasPrefix("|") || rest.hasPrefix(">") {
                value = blockScalar(parentIndent: indent, folded: rest.hasPrefix(">"))
            } else {
                value = inlineValue(rest)
            }
            entries.append(.init(key: key, value: value))
            // Continuation lines of a multi-line plain scalar: not needed, skipped.
            while let next = nextSignificant(), next.indent > indent { position += 1 }
        }
        return .mapping(entries)
    }

    private mutating func sequence(indent: Int) -> YAMLNode {
        var items: [YAMLNode] = []
        while let line = nextSignificant(), line.indent == indent, Self.isSequenceItem(line.content) {
            let after = line.content.dropFirst().drop { $0 == " " }
            let itemIndent = indent + (line.content.count - after.count)
            if after.isEmpty {
                position += 1
                items.append(node(parentIndent: indent))
            } else if Self.isSequenceItem(String(after)) || Self.splitKey(String(after)) != nil {
                // "- key: value": the item is a mapping (or sequence) starting on this line.
                lines[position].indent = itemIndent
                lines[position].content = String(after)
                items.append(Self.isSequenceItem(String(after)) ? sequence(indent: itemIndent) : mapping(indent: itemIndent))
            } else {
                position += 1
                items.append(inlineValue(String(after)))
            }
        }
        return .sequence(items)
    }

    private mutating func blockScalar(parentIndent: Int, folded: Bool) -> YAMLNode {
        var collected: [String] = []
        var blockIndent: Int?
        while position < lines.count {
            let line = lines[position]
            let blank = line.raw.trimmingCharacters(in: .whitespaces).isEmpty
            if !blank && line.indent <= parentIndent { break }
            if !blank && blockIndent == nil { blockIndent = line.indent }
            collected.append(blank ? "" : String(line.raw.dropFirst(min(blockIndent ?? 0, line.indent))))
            position += 1
        }
        while collected.last == "" { collected.removeLast() }
        return .scalar(collected.joined(separator: folded ? " " : "\n"))
    }

    /// A scalar or flow collection written after `key:` or `- `, joining the following lines while
    /// a flow collection is still open.
    private mutating func inlineValue(_ text: String) -> YAMLNode {
        var text = text
        if text.hasPrefix("{") || text.hasPrefix("[") {
            while FlowReader.depth(of: text) > 0, position < lines.count {
                if !lines[position].content.isEmpty { text += " " + lines[position].content }
                position += 1
            }
            var reader = FlowReader(text)
            return reader.value(terminators: [])
        }
        return FlowReader.scalar(text)
    }

    /// `key: rest` (or `key:`), or nil when the line is not a mapping entry.
    static func splitKey(_ content: String) -> (String, String)? {
        guard let first = content.first, first != "{", first != "[" else { return nil }
        let characters = Array(content)
        var index = 0
        var key: String
        if first == "\"" || first == "'" {
            var end = 1
            while end < characters.count, characters[end] != first || (first == "\"" && characters[end - 1] == "\\") { end += 1 }
            guard end < characters.count else { return nil }
            key = FlowReader.scalar(String(characters[0...end])).string ?? ""
            index = end + 1
            while index < characters.count, characters[index] == " " { index += 1 }
            guard index < characters.count, characters[index] == ":" else { return nil }
        } else {
            while index < characters.count {
                if characters[index] == ":" && (index + 1 == characters.count || characters[index + 1] == " ") { break }
                index += 1
            }
            guard index < characters.count else { return nil }
            key = String(characters[0..<index]).trimmingCharacters(in: .whitespaces)
        }
        let rest = String(characters[(index + 1)...]).trimmingCharacters(in: .whitespaces)
        return (key, rest)
    }
}
