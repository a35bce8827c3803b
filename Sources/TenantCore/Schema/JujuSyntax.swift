/// Syntax checks for the Juju strings manifests carry, so that a typo fails in `validate`, not
/// half-way through an apply.
public enum CharmChannel {
    static let risks: Set<String> = ["stable", "candidate", "beta", "edge"]

    /// The canonical `track/risk[/branch]` form, so that channels compare equal when Juju means
    /// the same thing: `stable` ≡ `latest/stable` (3.1 prints the first, 3.6 the second), and a
    /// bare track `2.4` means `2.4/stable`.
    public static func normalized(_ channel: String) -> String {
        let parts = channel.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1 where risks.contains(parts[0]): return "latest/\(parts[0])"
        case 1: return "\(parts[0])/stable"
        case 2 where risks.contains(parts[0]): return "latest/\(parts[0])/\(parts[1])"
        default: return channel
        }
    }

    public static func same(_ first: String?, _ second: String?) -> Bool {
        first.map(normalized) == second.map(normalized)
    }

    /// `[track/]risk[/branch]`, e.g. `stable`, `2.4/stable`, `8.0/edge/fix-1`.
    static func problem(_ channel: String) -> String? {
        let parts = channel.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
            return "does not read [track/]risk[/branch], like 2.4/stable"
        }
        let riskIndex = parts.count == 1 ? 0 : (parts.count == 3 ? 1 : (risks.contains(parts[1]) ? 1 : 0))
        guard risks.contains(parts[riskIndex]) else {
            let written = parts.count == 1 ? parts[0] : parts[1]
            return "has no valid risk: '\(written)' is not stable, candidate, beta or edge\(Suggestion.hint(for: written, in: ["stable", "candidate", "beta", "edge"]))"
        }
        return nil
    }
}

enum CharmBase {
    static let knownSystems: Set<String> = ["ubuntu", "centos"]

    /// `ubuntu@22.04` (optionally `/stable`), the form Juju 3 uses.
    static func problem(_ base: String) -> String? {
        let withoutRisk = base.split(separator: "/", maxSplits: 1).first.map(String.init) ?? base
        let parts = withoutRisk.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, knownSystems.contains(String(parts[0])),
              !parts[1].isEmpty, parts[1].allSatisfy({ $0.isNumber || $0 == "." }) else {
            return "does not read <os>@<version>, like ubuntu@22.04"
        }
        return nil
    }
}

enum Constraints {
    static let keys: Set<String> = [
        "arch", "container", "cores", "cpu-cores", "cpu-power", "mem", "root-disk", "root-disk-source",
        "tags", "spaces", "virt-type", "zones", "instance-type", "instance-role", "allocate-public-ip", "image",
    ]

    /// Space-separated `key=value` pairs with Juju's constraint keys.
    static func problem(_ text: String) -> String? {
        for pair in text.split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return "has '\(pair)', which is not key=value" }
            let key = String(parts[0])
            guard keys.contains(key) else {
                return "has unknown constraint '\(key)'\(Suggestion.hint(for: key, in: keys.sorted()))"
            }
            if ["mem", "root-disk"].contains(key), !isSize(String(parts[1])) {
                return "has '\(parts[1])', which is not a size for \(key); expected a number with an optional M, G, T or P suffix"
            }
            if ["cores", "cpu-cores", "cpu-power"].contains(key), Int(parts[1]) == nil {
                return "has '\(parts[1])', which is not a whole number for \(key)"
            }
        }
        return nil
    }

    private static func isSize(_ text: String) -> Bool {
        var digits = Substring(text)
        if let last = digits.last, "MGTP".contains(last) { digits = digits.dropLast() }
        return !digits.isEmpty && Double(digits) != nil
    }
}
