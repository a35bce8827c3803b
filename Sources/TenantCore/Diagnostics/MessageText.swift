/// Keeps diagnostic messages readable and bounded whatever a manifest holds.
///
/// Messages quote the values they are about ('…'). A value can be anything a file holds (a 10 MB
/// hostname was once printed whole, over and over), so every quoted value is cut here, once, for
/// every message of every check, instead of at each of the hundred places that quote one.
enum MessageText {
    /// Quoted values longer than this are cut and end with "…".
    static let maxQuotedLength = 80
    /// A whole message longer than this is cut too (lists of allowed keys stay well below it).
    static let maxLength = 1_000

    static func bounded(_ message: String) -> String {
        // Messages quote file names and values: both may hold newlines and other control characters.
        let message = Printable.escaped(message)
        guard message.utf8.count > maxQuotedLength else { return message }
        var result = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "'") {
            result += rest[...open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "'") else {
                rest = rest[afterOpen...]
                break
            }
            let quoted = rest[afterOpen..<close]
            if quoted.count > maxQuotedLength {
                result += quoted.prefix(maxQuotedLength) + "…"
            } else {
                result += quoted
            }
            result += "'"
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        if result.count > maxLength { result = String(result.prefix(maxLength)) + "…" }
        return result
    }
}
