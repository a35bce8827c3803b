import DNSPlanning

/// Route 53's record values: TXT values are quoted character-strings, CNAME targets absolute.
enum Route53Values {
    static func value(fromRoute53 value: String, type: String) -> String {
        switch type.uppercased() {
        case "TXT": return TXTText.unquoted(value)
        case "CNAME": return DNSName.normalized(value)
        default: return value
        }
    }

    static func route53Value(fromValue value: String, type: String) -> String {
        switch type.uppercased() {
        case "TXT": return TXTText.quoted(value)
        case "CNAME": return DNSName.normalized(value) + "."
        default: return value
        }
    }
}
