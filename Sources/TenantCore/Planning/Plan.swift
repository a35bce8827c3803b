/// The ordered set of actions that brings the world to the manifests, and what could not be
/// planned. Written as versioned JSON; `apply` refuses a plan whose inputs changed.
public struct Plan: Sendable, Codable, Equatable {
    public static let formatVersion = 1

    public var formatVersion: Int
    /// The commit the desired state was read from.
    public var commit: String?
    /// Fingerprint of the observed state the plan was computed from.
    public var observedFingerprint: String?
    /// Actions in an order that respects every dependency.
    public var actions: [Action]
    /// Environments that were not planned, and why (observation failed, controller unknown…).
    public var skipped: [SkippedEnvironment]
    /// Deletions the planner refused to include (prune off, over --max-removals or --max-deletions), for reports.
    public var withheld: [WithheldDeletion]
    /// Environments with `sync: manual` that have actions: only a person applies them
    /// (`apply --tenant`), and every rendering says so.
    public var manualEnvironments: [String]

    public init(commit: String? = nil, observedFingerprint: String? = nil, actions: [Action] = [],
                skipped: [SkippedEnvironment] = [], withheld: [WithheldDeletion] = [], manualEnvironments: [String] = []) {
        self.formatVersion = Self.formatVersion
        self.commit = commit
        self.observedFingerprint = observedFingerprint
        self.actions = actions
        self.skipped = skipped
        self.withheld = withheld
        self.manualEnvironments = manualEnvironments
    }

    public var summary: PlanSummary { PlanSummary(actions) }
    public var isEmpty: Bool { actions.isEmpty }

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
    /// The world differs from the manifests: actions to apply, or removals withheld by policy.
    /// A withheld removal is a difference, never "no changes".
    public var hasDifferences: Bool { !actions.isEmpty || !withheld.isEmpty }

    private enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case commit
        case observedFingerprint = "observed_fingerprint"
        case actions, skipped, withheld, summary
        case manualEnvironments = "manual_environments"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encodeIfPresent(commit, forKey: .commit)
        try container.encodeIfPresent(observedFingerprint, forKey: .observedFingerprint)
        try container.encode(actions, forKey: .actions)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(withheld, forKey: .withheld)
        try container.encode(manualEnvironments, forKey: .manualEnvironments)
        // Derived, written for readers of the file; ignored when a plan is read back.
        try container.encode(summary, forKey: .summary)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        guard formatVersion == Self.formatVersion else {
            throw DecodingError.dataCorruptedError(forKey: .formatVersion, in: container,
                debugDescription: "plan format_version \(formatVersion) is not supported; this tenantctl reads \(Self.formatVersion)")
        }
        commit = try container.decodeIfPresent(String.self, forKey: .commit)
        observedFingerprint = try container.decodeIfPresent(String.self, forKey: .observedFingerprint)
        actions = try container.decode([Action].self, forKey: .actions)
        skipped = try container.decodeIfPresent([SkippedEnvironment].self, forKey: .skipped) ?? []
        withheld = try container.decodeIfPresent([WithheldDeletion].self, forKey: .withheld) ?? []
        manualEnvironments = try container.decodeIfPresent([String].self, forKey: .manualEnvironments) ?? []
    }
}

public struct PlanSummary: Sendable, Codable, Equatable {
    public var create: Int
    public var update: Int
    public var delete: Int
    public var check: Int

    public init(_ actions: [Action]) {
        create = actions.filter { $0.kind.effect == .create }.count
        update = actions.filter { $0.kind.effect == .update }.count
        delete = actions.filter { $0.kind.effect == .delete }.count
        check = actions.filter { $0.kind.effect == .check }.count
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

public struct WithheldDeletion: Sendable, Codable, Equatable {
    public var environment: String
    public var kind: ActionKind
    public var target: String
    public var reason: String
    /// Where: reports name the controller and model (nil in plans written before they did).
    public var controller: String?
    public var model: String?

    public init(environment: String, kind: ActionKind, target: String, reason: String, controller: String? = nil, model: String? = nil) {
        self.environment = environment
        self.kind = kind
        self.target = target
        self.reason = reason
        self.controller = controller
        self.model = model
    }
}
