/// Naming rules shared by tenants, models, controllers and hostnames.
///
/// Tenant names become DNS labels and Juju model names, so they follow RFC 1123 labels in lower
/// case: the strictest of the systems they end up in.
public enum Names {
    /// Why `name` is not a valid DNS label, or nil when it is.
    public static func labelProblem(_ name: String) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name.utf8.count > 63 { return "is \(name.utf8.count) characters long; a DNS label has at most 63" }
        for scalar in name.unicodeScalars where !isLabelCharacter(scalar) {
            if scalar.properties.isUppercase {
                return "contains upper-case '\(scalar)'; use lower case letters, digits and '-'"
            }
            return "contains '\(scalar)'; only lower case letters, digits and '-' are allowed"
        }
        if name.hasPrefix("-") || name.hasSuffix("-") { return "must start and end with a letter or a digit" }
        return nil
    }

    /// Why `host` is not a valid fully qualified hostname (no trailing dot), or nil.
    public static func hostnameProblem(_ host: String) -> String? {
        if host.isEmpty { return "must not be empty" }
        if host.hasSuffix(".") { return "must not end with '.'" }
        if host.utf8.count > 253 { return "is longer than 253 characters" }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count < 2 { return "must have at least two labels (like shop.example.com)" }
        for (index, label) in labels.enumerated() {
            let text = String(label)
            if text == "*" && index == 0 { return "must not be a wildcard; name the host" }
            if let problem = labelProblem(text) {
                return "has a label '\(text)' that \(problem)"
            }
        }
        if labels.last!.allSatisfy(\.isNumber) { return "has a numeric top-level label; an address is not a hostname" }
        return nil
    }

    /// True when `host` is `zone` itself or inside it.
    public static func host(_ host: String, isIn zone: String) -> Bool {
        host == zone || host.hasSuffix("." + zone)
    }

    private static func isLabelCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "0"..."9", "-": return true
        default: return false
        }
    }
}
