import TenantCore

/// The pure half of an outside system: desired state and what was observed in, changes out. No
/// I/O, no clock, no randomness: the same inputs always give the same changes. Its target
/// depends on nothing that could do I/O (the compiler keeps it pure).
public protocol SystemPlanning: Sendable {
    /// The system's name: the prefix of its addresses and kinds (`juju`, `vault`).
    var system: String { get }
    /// Kinds whose removals have a limit of their own (Juju's destroy-model and
    /// `--max-model-removals`), not counted against `--max-removals`.
    var separatelyLimitedKinds: Set<ChangeKind> { get }
    /// Kinds that exist only to follow other changes (DNS's publication of a zone after its
    /// writes): a change of these kinds goes, unreported, when the policies withheld every
    /// change it followed, as a health gate does.
    var followingKinds: Set<ChangeKind> { get }
    func plan(_ input: SystemPlanInput) -> SystemPlan
    /// What one of its removals removes and why, in a person's words (`application legacy is
    /// not in the manifests`): the policies that withhold it (prune) start their reason with it.
    func describeRemoval(_ change: Change) -> String
}

extension SystemPlanning {
    public var separatelyLimitedKinds: Set<ChangeKind> { [] }
    public var followingKinds: Set<ChangeKind> { [] }
    public func describeRemoval(_ change: Change) -> String { "\(change.target) is not in git" }
}

/// What a system's planner gets: the manifests, the whole observed world, the options, and the
/// changes the systems planned before it (registration order), so that its changes may depend
/// on theirs.
public struct SystemPlanInput: Sendable {
    public var desired: DesiredState
    public var observed: ObservedWorld
    public var options: PlanOptions
    public var upstream: [Change]

    public init(desired: DesiredState, observed: ObservedWorld, options: PlanOptions, upstream: [Change] = []) {
        self.desired = desired
        self.observed = observed
        self.options = options
        self.upstream = upstream
    }
}

/// One system's part of a plan.
public struct SystemPlan: Sendable, Equatable {
    public var changes: [Change]
    public var skipped: [SkippedEnvironment]
    public var withheld: [WithheldChange]
    /// Changes of earlier systems that must also wait for changes of this one (upstream id →
    /// ids here): a Juju configuration that uses a secret waits for the check of that secret.
    public var gates: [String: [String]]
    /// Informational lines (``PlanNote``).
    public var notes: [PlanNote]

    public init(changes: [Change] = [], skipped: [SkippedEnvironment] = [], withheld: [WithheldChange] = [],
                gates: [String: [String]] = [:], notes: [PlanNote] = []) {
        self.notes = notes
        self.changes = changes
        self.skipped = skipped
        self.withheld = withheld
        self.gates = gates
    }
}
