/// One CAA record's value as zone listings print it: `0 issue "letsencrypt.org; validationmethods=dns-01"`.
/// Only the issuer domain counts here (parameters after `;` are the CA's business).
struct CAARecord: Equatable {
    var tag: String
    /// The issuer domain, lower case; empty for `";"` (no CA may issue).
    var issuer: String

    init?(_ text: String) {
        let parts = text.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count == 3, Int(parts[0]) != nil else { return nil }
        tag = parts[1].lowercased()
        var value = parts[2]
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
        issuer = String(value.prefix { $0 != ";" }).trimmingCharacters(in: " \t").lowercased()
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
