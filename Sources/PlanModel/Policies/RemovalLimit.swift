/// Caps removals: past the cap none of them is planned, so a bad commit or a broken observation
/// cannot strip many things at once. What is withheld is reported, never silently dropped.
public struct RemovalLimit: PlanPolicy {
    /// Most removals the plan may hold.
    public var limit: Int
    /// The option that sets the limit, named in the withheld reason.
    public var option: String
    /// Which removals count against this limit (kinds with their own limit do not).
    public var counts: @Sendable (Change) -> Bool
    /// The withheld reason, from the number of removals counted.
    public var reason: @Sendable (_ count: Int, _ limit: Int, _ option: String) -> String

    public init(limit: Int, option: String, counts: @escaping @Sendable (Change) -> Bool = { _ in true },
                reason: @escaping @Sendable (_ count: Int, _ limit: Int, _ option: String) -> String = { count, limit, option in
                    "the plan holds \(count) removals, more than \(option) \(limit)"
                }) {
        self.limit = limit
        self.option = option
        self.counts = counts
        self.reason = reason
    }

    public func apply(to plan: Plan) -> Plan {
        let removals = plan.changes.filter { $0.effect == .delete && counts($0) }
        guard removals.count > limit else { return plan }
        let text = reason(removals.count, limit, option)
        return plan.withholding(Set(removals.map(\.id)), reason: { _ in text })
    }
}
