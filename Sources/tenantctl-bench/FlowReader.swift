import Foundation

/// Reads YAML flow collections (`{a: 1, b: [x, y]}`) and scalars, for `MiniYAMLParser`.
struct FlowReader {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    /// How many `{`/`[` are still open at the end of `text` (quotes respected).
    static func depth(of text: String) -> Int {
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "{" || character == "[" {
                depth += 1
            } else if character == "}" || character == "]" {
                depth -= 1
            }
        }
        return depth
    }

    /// A plain or quoted scalar; `~`, `null` and an empty text are null.
    static func scalar(_ text: String) -> YAMLNode {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || ["~", "null", "Null", "NULL"].contains(trimmed) { return .null }
        if trimmed.count >= 2, trimmed.first == "'", trimmed.last == "'" {
            return .scalar(String(trimmed.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'"))
        }
        if trimmed.count >= 2, trimmed.first == "\"", trimmed.last == "\"" {
            var result = ""
            var escaped = false
            for character in trimmed.dropFirst().dropLast() {
                if escaped {
                    switch character {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    default: result.append(character)
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    result.append(character)
                }
            }
            return .scalar(result)
        }
        return .scalar(trimmed)
    }

    mutating func value(terminators: Set<Character>) -> YAMLNode {
        skipBlanks()
        guard index < characters.count else { return .null }
        switch characters[index] {
        case "{": return mapping()
        case "[": return sequence()
        default: return Self.scalar(plain(until: terminators, stopAtColon: false))
        }
    }

    private mutating func mapping() -> YAMLNode {
        index += 1
        var entries: [YAMLNode.MappingEntry] = []
        while true {
            skipBlanks()
            guard index < characters.count else { break }
            if characters[index] == "}" { index += 1; break }
            if characters[index] == "," { index += 1; continue }
            let key = Self.scalar(plain(until: [",", "}"], stopAtColon: true)).string ?? ""
            skipBlanks()
            var value = YAMLNode.null
            if index < characters.count, characters[index] == ":" {
                index += 1
                value = self.value(terminators: [",", "}"])
            }
            entries.append(.init(key: key, value: value))
        }
        return .mapping(entries)
    }

    private mutating func sequence() -> YAMLNode {
        index += 1
        var items: [YAMLNode] = []
        while true {
            skipBlanks()
            guard index < characters.count else { break }
            if characters[index] == "]" { index += 1; break }
            if characters[index] == "," { index += 1; continue }
            items.append(value(terminators: [",", "]"]))
        }
        return .sequence(items)
    }

    /// Text up to a terminator outside quotes (and, for keys, up to `: `).
    private mutating func plain(until terminators: Set<Character>, stopAtColon: Bool) -> String {
        var text = ""
        var quote: Character?
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'", text.trimmingCharacters(in: .whitespaces).isEmpty {
                quote = character
            } else if terminators.contains(character) {
                break
            } else if stopAtColon, character == ":",
                      index + 1 == characters.count || [" ", ",", "}", "]"].contains(characters[index + 1]) {
                break
            }
            text.append(character)
            index += 1
        }
        return text
    }

    private mutating func skipBlanks() {
        while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
    }
}
