/// How tenantctl may act on a tenant.
public struct Policy: Hashable, Sendable, Codable {
    public enum Sync: String, Hashable, Sendable, Codable, CaseIterable {
        /// Apply changes and heal drift without asking.
        case auto
        /// Plan and report only; changes are applied by a person.
        case manual
    }

    public var sync: Sync
    /// Whether resources that disappeared from git may be removed from the world.
    public var prune: Bool

    public init(sync: Sync = .auto, prune: Bool = false) {
        self.sync = sync
        self.prune = prune
    }

    public static let `default` = Policy()
}

/// A policy as written: each field may be left to the level above (fleet defaults).
struct PolicySpec: Sendable {
    var sync: Policy.Sync?
    var prune: Bool?

    static func decode(_ field: Field) -> PolicySpec? {
        guard let map = field.mapping(allowed: ["sync", "prune"], context: "policy") else { return nil }
        return PolicySpec(sync: map.optional("sync")?.oneOf(Policy.Sync.self)?.value,
                          prune: map.optional("prune")?.bool()?.value)
    }

    func applied(over base: Policy) -> Policy {
        Policy(sync: sync ?? base.sync, prune: prune ?? base.prune)
    }
}
