/// What planning takes besides desired and observed state: targeting, limits, and what
/// tenantctl owns.
public struct PlanOptions: Sendable, Equatable {
    /// Most scopes a plan may remove whole (the models of tenants deleted from git). Default 0:
    /// destroying a model always takes an explicit `--max-model-removals`.
    public var maxModelRemovals: Int
    /// Most other removals (units, applications, relations, machines, records) a plan may hold.
    public var maxRemovals: Int
    /// Only these tenants (nil: all).
    public var tenants: Set<String>?
    /// What tenantctl created, by system, then address → owner (the environment id): the only
    /// things a removal may ever touch.
    public var owned: [String: [String: String]]
    /// Whether what belonged to environments deleted from git may be removed (the fleet's default
    /// prune): the ``Prune`` policy's rule for changes of environments no longer in git.
    public var pruneRemovedTenants: Bool

    public init(maxModelRemovals: Int = 0, maxRemovals: Int = 20, tenants: Set<String>? = nil,
                owned: [String: [String: String]] = [:], pruneRemovedTenants: Bool = false) {
        self.maxModelRemovals = maxModelRemovals
        self.maxRemovals = maxRemovals
        self.tenants = tenants
        self.owned = owned
        self.pruneRemovedTenants = pruneRemovedTenants
    }
}
