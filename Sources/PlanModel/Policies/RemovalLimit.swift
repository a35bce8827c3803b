/// Caps removals: past the cap none of them is planned, so a bad commit or a broken observation
/// cannot strip many things at once. What is withheld is reported, never silently dropped.
public struct RemovalLimit: PlanPolicy {
    /// Most removals the plan may hold.
    public var limit: Int
    /// The option that sets the limit, named in the withheld reason.
    public var option: String
    /// Which removals count against this limit (kinds with their own limit do not).
    public var counts: @Sendable (Change) -> Bool

    public init(limit: Int, option: String, counts: @escaping @Sendable (Change) -> Bool = { _ in true }) {
        self.limit = limit
        self.option = option
        self.counts = counts
    }

    public func apply(to plan: Plan) -> Plan {
        let removals = plan.changes.filter { $0.effect == .delete && counts($0) }
        guard removals.count > limit else { return plan }
        let reason = "the plan holds \(removals.count) removals, more than \(option) \(limit)"
        // Only the removals go; what merely followed them in the graph stays, and waits for what
        // they waited for: the order around them is kept.
        let removed = Set(removals.map(\.id))
        let byID = Dictionary(plan.changes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func inherited(_ dependencies: [String]) -> [String] {
            var result: [String] = []
            var seen = Set<String>()
            var pending = dependencies
            while !pending.isEmpty {
                let id = pending.removeFirst()
                guard seen.insert(id).inserted else { continue }
                if removed.contains(id) { pending += byID[id]?.dependsOn ?? [] } else { result.append(id) }
            }
            return result
        }
        var limited = plan
        limited.changes = plan.changes.filter { !removed.contains($0.id) }.map { change in
            var change = change
            change.dependsOn = inherited(change.dependsOn)
            return change
        }
        limited.withheld += removals.map { WithheldChange($0, reason: reason) }
        return limited
    }
}
