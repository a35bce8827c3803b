/// Limits and context the planner takes besides desired and observed state.
public struct PlanOptions: Sendable, Equatable {
    /// Most models a plan may destroy (tenants deleted from git). Default 0: destroying a model
    /// always takes an explicit `--max-deletions`.
    public var maxModelDeletions: Int
    /// Most other removals (units, applications, relations, machines) a plan may hold.
    public var maxRemovals: Int
    /// Only these tenants (nil: all).
    public var tenants: Set<String>?
    /// Models tenantctl created, by `<controller>/<model>`, with the environment id that owned
    /// them: the only models a deletion may ever touch.
    public var managedModels: [String: String]
    /// Whether models of tenants deleted from git may be destroyed (the fleet's default prune).
    public var pruneDeletedTenants: Bool

    public init(maxModelDeletions: Int = 0, maxRemovals: Int = 20, tenants: Set<String>? = nil,
                managedModels: [String: String] = [:], pruneDeletedTenants: Bool = false) {
        self.maxModelDeletions = maxModelDeletions
        self.maxRemovals = maxRemovals
        self.tenants = tenants
        self.managedModels = managedModels
        self.pruneDeletedTenants = pruneDeletedTenants
    }
}
