/// Text put in an HTML page: every character that could open markup or leave an attribute is
/// escaped, so a tenant name or an error message from the world is shown, never interpreted.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default:
                // Control characters would confuse a reader of the source more than a browser.
                if character.value < 0x20, character != "\n", character != "\t" { escaped += "&#xFFFD;" }
                else { escaped.unicodeScalars.append(character) }
            }
        }
        return escaped
    }
}
