/// Domain names as tenantctl compares them: lower case, no trailing dot.
public enum DNSName {
    public static func normalized(_ name: String) -> String {
        var name = name.lowercased()
        while name.hasSuffix(".") { name.removeLast() }
        return name
    }

    /// `www.acme.fr` in zone `acme.fr` is `www`; the apex is the empty string. Nil when `name`
    /// is not in `zone`.
    public static func relative(_ name: String, in zone: String) -> String? {
        let name = normalized(name), zone = normalized(zone)
        if name == zone { return "" }
        guard name.hasSuffix("." + zone) else { return nil }
        return String(name.dropLast(zone.count + 1))
    }

    /// `www` in `acme.fr` is `www.acme.fr`; the empty label is the apex.
    public static func absolute(_ relative: String, in zone: String) -> String {
        let relative = normalized(relative), zone = normalized(zone)
        return relative.isEmpty ? zone : "\(relative).\(zone)"
    }
}
