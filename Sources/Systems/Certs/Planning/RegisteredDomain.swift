/// The registered domain of a name (eTLD+1), as CAs count certificates per domain: the label
/// below the public suffix. Let's Encrypt uses the whole Public Suffix List; tenantctl carries
/// only the multi-label suffixes below, the ones shops are commonly registered under. A
/// suffix missing from the list makes two shops look like one domain (`a.gouv.fr` and
/// `b.gouv.fr` both under `gouv.fr`): the forecast then counts more than the CA does and holds
/// back early, never late. Zones are not used: a zone may be delegated below the registered
/// domain (`shop.example.co.uk`), which would count less than the CA.
public enum RegisteredDomain {
    /// Public suffixes of two labels or more (the single-label TLDs need no list).
    static let multiLabelSuffixes: Set<String> = [
        "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk", "sch.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
        "co.nz", "net.nz", "org.nz", "ac.nz", "govt.nz",
        "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp",
        "com.br", "net.br", "org.br", "gov.br",
        "com.cn", "net.cn", "org.cn", "gov.cn",
        "co.za", "org.za", "gov.za",
        "com.mx", "org.mx", "gob.mx",
        "co.in", "net.in", "org.in", "gov.in",
        "com.tr", "org.tr", "gov.tr",
        "com.ar", "com.co", "com.pe", "com.sg", "com.hk", "com.tw", "com.my", "com.ph", "co.kr", "or.kr",
        "co.il", "org.il", "ac.il", "co.id", "or.id", "co.th", "in.th",
        "gouv.fr", "asso.fr", "nom.fr", "com.es", "org.es", "com.pl", "net.pl", "org.pl", "com.pt", "co.at", "or.at",
        "com.ua", "com.ru", "com.gr", "com.cy", "com.mt",
    ]

    /// `www.shop.example.co.uk` → `example.co.uk`; `*.shop.example.fr` → `example.fr`. A name
    /// that is itself a suffix or a single label stays as it is.
    public static func of(_ name: String) -> String {
        var labels = name.lowercased().split(separator: ".").map(String.init)
        if labels.first == "*" { labels.removeFirst() }
        guard labels.count > 2 else { return labels.joined(separator: ".") }
        let lastTwo = labels.suffix(2).joined(separator: ".")
        let keep = multiLabelSuffixes.contains(lastTwo) ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }
}
