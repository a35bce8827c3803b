import Yams

/// The type YAML gives an untagged plain scalar (`3` an integer, `yes` a boolean, `~` null), as
/// Yams' default resolver decides it, without its regular expressions for the common case.
///
/// Why: Yams tries seven `NSRegularExpression`s on every plain scalar it resolves, and at 10,000
/// tenants that was a seventh of `plan`. Every one of its patterns is anchored and starts with a
/// fixed set of ASCII characters: a scalar starting otherwise is a string, and one starting with
/// a letter can only be one of the boolean or null words. What is left (digits, signs, dots, `<`,
/// `=`, `~`, the empty scalar) goes to Yams' own resolver, so the answer is always Yams'.
enum ImplicitTag {
    static func of(plain text: String) -> Tag.Name {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: "~"):
            return Resolver.default.resolveTag(of: .scalar(Node.Scalar(text)))
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
             UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            if booleans.contains(text) { return .bool }
            if nulls.contains(text) { return .null }
            return .str
        default:
            return .str
        }
    }

    /// Resolver.Rule.bool's words.
    private static let booleans: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    ]
    /// Resolver.Rule.null's words that start with a letter.
    private static let nulls: Set<String> = ["null", "Null", "NULL"]
}
