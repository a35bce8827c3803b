/// `prune`: what disappeared from git is removed only where the policy says `prune: true`.
/// Planners plan every removal (effect `delete`: an application, unit, relation, machine or
/// option no longer in git, a scale-down, the model of an environment gone from git); this
/// policy withholds those of environments whose prune is off, and says which setting to change.
///
/// An environment still in git follows its own resolved policy (the tenant's `policy.prune`,
/// else the fleet's `defaults.policy.prune`); one gone from git (a deleted tenant's model) has no
/// manifest left, so the fleet default decides.
public struct Prune: PlanPolicy {
    /// What governs one environment in git.
    public struct Setting: Sendable, Equatable {
        public var prune: Bool
        /// The tenant whose manifest may set it; nil for a shared offer's model, which follows
        /// the fleet defaults.
        public var tenant: String?

        public init(prune: Bool, tenant: String?) {
            self.prune = prune
            self.tenant = tenant
        }
    }

    /// Environments in git, by id (`acme/production`).
    public var environments: [String: Setting]
    /// `defaults.policy.prune` of the fleet: environments gone from git.
    public var fleetDefault: Bool
    /// What a removal removes and why, in its system's words (`application legacy is not in the
    /// manifests`): the start of the withheld reason.
    public var describe: @Sendable (Change) -> String

    public init(environments: [String: Setting], fleetDefault: Bool,
                describe: @escaping @Sendable (Change) -> String = { "\($0.kind) \($0.target) is not in git" }) {
        self.environments = environments
        self.fleetDefault = fleetDefault
        self.describe = describe
    }

    public func apply(to plan: Plan) -> Plan {
        let held = plan.changes.filter { $0.effect == .delete && !prunes($0.environment) }
        return plan.withholding(Set(held.map(\.id))) { "\(describe($0)); \(Self.advice(environments[$0.environment]))" }
    }

    func prunes(_ environment: String) -> Bool {
        environments[environment]?.prune ?? fleetDefault
    }

    /// Which setting turns prune on for this environment.
    static func advice(_ setting: Setting?) -> String {
        switch setting {
        case nil:
            return "prune is off in the fleet defaults (set defaults.policy.prune: true in tenantctl.yaml)"
        case let setting? where setting.tenant == nil:
            return "prune is off (a shared offer's model follows the fleet defaults: set defaults.policy.prune: true in tenantctl.yaml)"
        case let setting?:
            return "prune is off (set policy.prune: true in tenant \(setting.tenant!), or defaults.policy.prune: true in tenantctl.yaml for tenants that set none)"
        }
    }
}
