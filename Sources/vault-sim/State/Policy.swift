/// An ACL rule as Vault's policies write it: a path (exact, ending in `*` for a prefix, `+` for
/// one segment) and capabilities. Paths are relative to the namespace of the token's policy.
struct PolicyRule: Sendable {
    var path: String
    var capabilities: Set<String>

    func matches(_ requestPath: String) -> Bool {
        let pattern = path.hasPrefix("/") ? String(path.dropFirst()) : path
        if pattern.hasSuffix("*") {
            return segmentsMatch(String(pattern.dropLast()), requestPath, prefix: true)
        }
        return segmentsMatch(pattern, requestPath, prefix: false)
    }

    /// `+` stands for exactly one path segment; the rest must be equal (or a prefix for `*`).
    private func segmentsMatch(_ pattern: String, _ path: String, prefix: Bool) -> Bool {
        if !pattern.contains("+") { return prefix ? path.hasPrefix(pattern) : path == pattern }
        let patternParts = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let pathParts = path.split(separator: "/", omittingEmptySubsequences: false)
        if pathParts.count < patternParts.count || (!prefix && pathParts.count != patternParts.count) { return false }
        for (index, part) in patternParts.enumerated() {
            let actual = pathParts[index]
            if part == "+" { continue }
            if index == patternParts.count - 1, prefix { if !actual.hasPrefix(part) { return false } }
            else if part != actual { return false }
        }
        return true
    }
}

/// Named policies. `root` allows everything; a rule with `deny` wins over any grant.
struct PolicySet: Sendable {
    var policies: [String: [PolicyRule]] = [:]

    func allows(policies names: [String], capability: String, path: String) -> Bool {
        if names.contains("root") { return true }
        var granted = false
        for name in names {
            for rule in policies[name] ?? [] where rule.matches(path) {
                if rule.capabilities.contains("deny") { return false }
                if rule.capabilities.contains(capability) {
                    granted = true
                }
            }
        }
        return granted
    }
}
