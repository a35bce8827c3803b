/// Constraints as Juju records them: `mem`/`root-disk` in MiB with an `M` suffix, keys in
/// Juju's order, and the architecture always present (`arch=amd64` unless said otherwise), so
/// `cores=4 mem=8G` comes back as `arch=amd64 cores=4 mem=8192M`.
enum Constraints {
    static let order = [
        "arch", "container", "cores", "cpu-power", "mem", "root-disk", "root-disk-source", "tags", "instance-role",
        "instance-type", "spaces", "virt-type", "zones", "allocate-public-ip", "image-id",
    ]

    static func normalized(_ text: String?) -> String {
        var pairs: [String: String] = ["arch": "amd64"]
        for word in (text ?? "").split(separator: " ") {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            pairs[parts[0]] = ["mem", "root-disk"].contains(parts[0]) ? megabytes(parts[1]) : parts[1]
        }
        let known = order.compactMap { key in pairs[key].map { "\(key)=\($0)" } }
        let others = pairs.keys.filter { !order.contains($0) }.sorted().map { "\($0)=\(pairs[$0]!)" }
        return (known + others).joined(separator: " ")
    }

    static func megabytes(_ value: String) -> String {
        let units: [Character: Double] = ["M": 1, "G": 1024, "T": 1024 * 1024, "P": 1024 * 1024 * 1024]
        guard let last = value.last else { return value }
        if let factor = units[last], let number = Double(value.dropLast()) { return "\(Int(number * factor))M" }
        if let number = Double(value) { return "\(Int(number))M" }
        return value
    }

    /// The `hardware` Juju reports for an instance started with these constraints.
    static func hardware(for constraints: String) -> String {
        let pairs = Dictionary(constraints.split(separator: " ").compactMap { word -> (String, String)? in
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }, uniquingKeysWith: { _, last in last })
        let cores = pairs["cores"] ?? "1"
        let mem = pairs["mem"] ?? "2048M"
        let disk = pairs["root-disk"] ?? "16384M"
        return "arch=\(pairs["arch"] ?? "amd64") cores=\(cores) mem=\(mem) root-disk=\(disk) availability-zone=sim-az1"
    }
}
