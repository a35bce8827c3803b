import TenantCore

/// Juju's space-separated `key=value` strings (`constraints`, `hardware`).
public enum ConstraintString {
    /// Later keys win, as they do for `juju set-constraints`.
    public static func pairs(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for word in text.split(separator: " ") {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { result[parts[0]] = parts[1] }
        }
        return result
    }

    /// Juju's order of constraint keys when it prints them.
    static let order = [
        "arch", "container", "cores", "cpu-power", "mem", "root-disk", "root-disk-source", "tags", "instance-role",
        "instance-type", "spaces", "virt-type", "zones", "allocate-public-ip", "image-id",
    ]

    /// Constraints the way Juju records and prints them, so a manifest's `cores=4 mem=8G` and
    /// Juju's `arch=amd64 cores=4 mem=8192M` compare equal: sizes in MiB with an `M` suffix,
    /// keys in Juju's order, and `arch` filled in with `defaultArch` when absent (Juju adds the
    /// model's architecture, `amd64` on the clouds tenantctl targets; pass nil not to add it).
    public static func normalized(_ text: String?, defaultArch: String? = "amd64") -> String {
        var values = pairs(text ?? "")
        if values["arch"] == nil, let defaultArch { values["arch"] = defaultArch }
        for key in ["mem", "root-disk"] { values[key] = values[key].map(ConstraintSet.megabytes) }
        let known = order.compactMap { key in values[key].map { "\(key)=\($0)" } }
        let others = values.keys.filter { !order.contains($0) }.sorted().map { "\($0)=\(values[$0]!)" }
        return (known + others).joined(separator: " ")
    }
}
