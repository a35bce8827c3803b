/// The changes that bring the world to the manifests, ordered by their dependencies, and what
/// could not be planned. Written as versioned JSON; `apply` refuses a plan whose inputs changed.
public struct Plan: Sendable, Codable, Equatable {
    public static let formatVersion = 2

    public var formatVersion: Int
    /// The commit the desired state was read from.
    public var commit: String?
    /// One fingerprint of the observed state per scope (`juju:k8s/acme-production` → digest): a
    /// saved plan is stale when a scope it acts on, or depends on, changed.
    public var fingerprints: [String: String]
    /// Changes in an order that respects every dependency.
    public var changes: [Change]
    /// Environments that were not planned, and why (observation failed, controller unknown…).
    public var skipped: [SkippedEnvironment]
    /// Removals the policies kept out of the plan (prune off, over a removal limit), for reports.
    public var withheld: [WithheldChange]
    /// Environments with `sync: manual` that have changes: only a person applies them
    /// (`apply --tenant`), and every rendering says so.
    public var manualEnvironments: [String]
    /// What a system wants people to know that is neither a change nor a difference (a host the
    /// zone's wildcard record already answers): shown, never applied, not counted.
    public var notes: [PlanNote] = []

    public init(commit: String? = nil, fingerprints: [String: String] = [:], changes: [Change] = [],
                skipped: [SkippedEnvironment] = [], withheld: [WithheldChange] = [], manualEnvironments: [String] = []) {
        self.formatVersion = Self.formatVersion
        self.commit = commit
        self.fingerprints = fingerprints
        self.changes = changes
        self.skipped = skipped
        self.withheld = withheld
        self.manualEnvironments = manualEnvironments
    }

    public var summary: PlanSummary { PlanSummary(changes) }
    public var isEmpty: Bool { changes.isEmpty }

    /// The environments not planned, grouped by reason, reasons in order of first appearance: a
    /// missing juju binary is one line, not one per environment.
    public var skippedByReason: [(reason: String, environments: [String])] {
        var order: [String] = []
        var groups: [String: [String]] = [:]
        for entry in skipped {
            if groups[entry.reason] == nil { order.append(entry.reason) }
            groups[entry.reason, default: []].append(entry.environment)
        }
        return order.map { ($0, groups[$0]!) }
    }
    /// The world differs from the manifests: changes to apply, or removals withheld by policy.
    /// A withheld removal is a difference, never "no changes".
    public var hasDifferences: Bool { !changes.isEmpty || !withheld.isEmpty }

    /// The scopes whose observation a change of this plan relies on: those it acts in, and those
    /// of the changes it depends on (a DNS record reads the ingress address of a Juju model).
    public var scopesActedOn: Set<String> {
        let byID = Dictionary(changes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var scopes = Set<String>()
        for change in changes {
            scopes.insert(change.address.scopeKey)
            for dependency in change.dependsOn { if let other = byID[dependency] { scopes.insert(other.address.scopeKey) } }
        }
        return scopes
    }

    private enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case commit, fingerprints, changes, skipped, withheld, summary
        case manualEnvironments = "manual_environments"
        case notes
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encodeIfPresent(commit, forKey: .commit)
        try container.encode(fingerprints, forKey: .fingerprints)
        try container.encode(changes, forKey: .changes)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(withheld, forKey: .withheld)
        try container.encode(manualEnvironments, forKey: .manualEnvironments)
        if !notes.isEmpty { try container.encode(notes, forKey: .notes) }
        // Derived, written for readers of the file; ignored when a plan is read back.
        try container.encode(summary, forKey: .summary)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        guard formatVersion == Self.formatVersion else {
            let hint = formatVersion < Self.formatVersion
                ? "it was written by an earlier tenantctl, whose plans were Juju-only; plan again with this one"
                : "it was written by a later tenantctl"
            throw DecodingError.dataCorruptedError(forKey: .formatVersion, in: container,
                debugDescription: "plan format_version \(formatVersion) is not supported: this tenantctl reads format_version \(Self.formatVersion) (\(hint))")
        }
        commit = try container.decodeIfPresent(String.self, forKey: .commit)
        fingerprints = try container.decode([String: String].self, forKey: .fingerprints)
        changes = try container.decode([Change].self, forKey: .changes)
        skipped = try container.decodeIfPresent([SkippedEnvironment].self, forKey: .skipped) ?? []
        withheld = try container.decodeIfPresent([WithheldChange].self, forKey: .withheld) ?? []
        manualEnvironments = try container.decodeIfPresent([String].self, forKey: .manualEnvironments) ?? []
        notes = try container.decodeIfPresent([PlanNote].self, forKey: .notes) ?? []
    }
}

/// Counts by effect, for summaries and the plan file's `summary`.
public struct PlanSummary: Sendable, Codable, Equatable {
    public var create: Int
    public var update: Int
    public var delete: Int
    public var read: Int
    public var wait: Int

    public init(_ changes: [Change]) {
        var counts: [Effect: Int] = [:]
        for change in changes { counts[change.effect, default: 0] += 1 }
        create = counts[.create] ?? 0
        update = counts[.update] ?? 0
        delete = counts[.delete] ?? 0
        read = counts[.read] ?? 0
        wait = counts[.wait] ?? 0
    }
}

public struct SkippedEnvironment: Sendable, Codable, Equatable {
    public var environment: String
    public var reason: String

    public init(environment: String, reason: String) {
        self.environment = environment
        self.reason = reason
    }
}

/// An informational line of a plan: not a change, not a difference.
public struct PlanNote: Sendable, Codable, Equatable {
    public var environment: String
    public var text: String

    public init(environment: String, text: String) {
        self.environment = environment
        self.text = text
    }
}

/// A change kept out of the plan, and why: a removal a policy withheld (prune off, over a
/// removal limit), a conflict a system found (a DNS record tenantctl does not own in the way),
/// or a change that cannot be made yet (the zone it goes to does not exist).
public struct WithheldChange: Sendable, Codable, Equatable {
    public var environment: String
    public var address: ChangeAddress
    public var kind: ChangeKind
    public var target: String
    public var reason: String
    /// Why it is held back: the summaries count and name each cause apart.
    public var cause: WithheldCause

    public init(environment: String, address: ChangeAddress, kind: ChangeKind, target: String, reason: String, cause: WithheldCause = .removal) {
        self.environment = environment
        self.address = address
        self.kind = kind
        self.target = target
        self.reason = reason
        self.cause = cause
    }

    public init(_ change: Change, reason: String) {
        self.init(environment: change.environment, address: change.address, kind: change.kind, target: change.target, reason: reason)
    }

    private enum CodingKeys: String, CodingKey {
        case environment, address, kind, target, reason, cause
    }

    // `cause` is written only when not a removal: plan files holding removals read as before.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(environment, forKey: .environment)
        try container.encode(address, forKey: .address)
        try container.encode(kind, forKey: .kind)
        try container.encode(target, forKey: .target)
        try container.encode(reason, forKey: .reason)
        if cause != .removal { try container.encode(cause, forKey: .cause) }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        environment = try container.decode(String.self, forKey: .environment)
        address = try container.decode(ChangeAddress.self, forKey: .address)
        kind = try container.decode(ChangeKind.self, forKey: .kind)
        target = try container.decode(String.self, forKey: .target)
        reason = try container.decode(String.self, forKey: .reason)
        cause = try container.decodeIfPresent(WithheldCause.self, forKey: .cause) ?? .removal
    }
}

/// Why a change is withheld.
public enum WithheldCause: String, Sendable, Codable, Equatable {
    /// A removal a policy held back (prune off, a removal limit).
    case removal
    /// Something in the way that tenantctl never overwrites (a foreign DNS record).
    case conflict
    /// A change that cannot be made as things are (its DNS zone does not exist).
    case blocked
    /// An order a CA's rate limit would refuse: it waits for the limit's window (certificates).
    case rateLimited
}
