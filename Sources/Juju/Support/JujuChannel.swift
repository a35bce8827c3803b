/// Charm channels as Juju prints and accepts them.
public enum JujuChannel {
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
}
