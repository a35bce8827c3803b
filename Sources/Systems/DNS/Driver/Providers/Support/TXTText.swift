import Foundation

/// TXT text as zone files and APIs quote it: one or more `"…"` strings with `\"` and `\\`
/// escapes, read as their concatenation. Text that does not start with a quote is taken as is.
enum TXTText {
    static func unquoted(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, trimmed.first == "\"", trimmed.last == "\"" else { return text }
        var result = ""
        var inside = false
        var escaped = false
        for character in trimmed {
            if escaped {
                result.append(character)
                escaped = false
            } else if inside, character == "\\" {
                escaped = true
            } else if character == "\"" {
                inside.toggle()
            } else if inside {
                result.append(character)
            }
        }
        return result
    }

    /// The text as quoted strings of at most 255 bytes each (DNS's character-string limit),
    /// quotes and backslashes escaped: what Route 53 wants in a TXT `Value`.
    static func quoted(_ text: String) -> String {
        var chunks: [String] = []
        var current = ""
        var currentBytes = 0
        for character in text {
            let bytes = String(character).utf8.count
            if currentBytes + bytes > 255 {
                chunks.append(current)
                current = ""
                currentBytes = 0
            }
            current.append(character)
            currentBytes += bytes
        }
        if !current.isEmpty || chunks.isEmpty { chunks.append(current) }
        return chunks.map { chunk in
            "\"" + chunk.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: " ")
    }
}
