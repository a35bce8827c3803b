/// One Vault namespace (the root one is ""): its own KV mounts, so data never crosses namespaces.
struct NamespaceState: Sendable {
    var mounts: [String: KVMount]

    init(mounts: [String] = ["secret"]) {
        self.mounts = Dictionary(uniqueKeysWithValues: mounts.map { ($0, KVMount()) })
    }

    /// The mount a path falls under (the longest mount path that prefixes it) and the rest of the path.
    func mount(for path: String) -> (name: String, rest: String)? {
        let candidates = mounts.keys.filter { path == $0 || path.hasPrefix($0 + "/") }
        guard let name = candidates.max(by: { $0.count < $1.count }) else { return nil }
        return (name, path == name ? "" : String(path.dropFirst(name.count + 1)))
    }

    static func normalize(_ namespace: String) -> String {
        namespace.split(separator: "/").joined(separator: "/")
    }
}
