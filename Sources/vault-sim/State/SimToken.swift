import Foundation

/// A Vault service token: its policies, namespace and lifetime on the simulated clock.
struct SimToken: Sendable {
    var id: String
    var accessor: String
    var namespace: String
    var policies: [String]
    var displayName: String
    var path: String
    var meta: [String: String]?
    /// Seconds the token lives after creation or renewal; 0 means it never expires (root).
    var creationTTL: Int
    /// Cap on the whole life of the token, from its issue time; 0 means the system's 768h.
    var explicitMaxTTL: Int
    var renewable: Bool
    var issueTime: Date
    var expireTime: Date?

    static let systemMaxTTL = 768 * 3600

    var isRoot: Bool { policies.contains("root") }

    func isExpired(at now: Date) -> Bool {
        guard let expireTime else { return false }
        return expireTime <= now
    }

    func remainingTTL(at now: Date) -> Int {
        guard let expireTime else { return 0 }
        return max(0, Int(expireTime.timeIntervalSince(now).rounded(.down)))
    }

    var effectiveMaxTTL: Int { explicitMaxTTL > 0 ? explicitMaxTTL : Self.systemMaxTTL }

    static func make(id: String? = nil, namespace: String, policies: [String], ttl: Int, maxTTL: Int,
                     renewable: Bool, displayName: String, path: String, meta: [String: String]? = nil, now: Date) -> SimToken {
        let isRoot = policies.contains("root")
        // Every token but root carries the `default` policy, as Vault lists it.
        let allPolicies = isRoot ? ["root"] : Array(Set(policies + ["default"])).sorted()
        var lifetime = ttl
        if !isRoot, lifetime <= 0 { lifetime = 32 * 24 * 3600 }
        if maxTTL > 0 { lifetime = min(lifetime, maxTTL) }
        return SimToken(
            id: id ?? Identifiers.serviceToken(), accessor: Identifiers.accessor(), namespace: namespace,
            policies: allPolicies, displayName: displayName, path: path, meta: meta,
            creationTTL: isRoot ? 0 : lifetime, explicitMaxTTL: maxTTL, renewable: isRoot ? false : renewable,
            issueTime: now, expireTime: isRoot ? nil : now.addingTimeInterval(TimeInterval(lifetime)))
    }
}
