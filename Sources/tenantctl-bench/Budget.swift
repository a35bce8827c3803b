/// The performance budgets of DESIGN.md ("Performance budgets"), as numbers the bench can compare
/// figures with, and one comparison.
struct Budget: Sendable, Encodable {
    /// "10,000 tenants plan in seconds": read as at most 10 s for 10,000 tenants, scaled linearly
    /// ("planning is linear in tenants") for other sizes.
    static let validateSecondsPer10k = 10.0
    /// "in well under 50 KiB of memory per tenant".
    static let bytesPerTenant = 50.0 * 1024
    /// "A commit that touches one tenant costs about what a one-tenant repository costs": the
    /// ratio of `changed` times should be close to 1; above this it is reported as over budget.
    static let changedRatio = 2.0
    /// "Planning is linear in tenants": the plan time ratio between two sizes may exceed their
    /// tenant ratio by this factor (a fixed start-up cost only brings it below).
    static let planRatioSlack = 1.5
    /// "N models take close to N·L/C, not more": the sweep's wall time over that floor.
    static let sweepFloorRatio = 1.5
    /// The target for the sweep against juju-replay, whose calls cost only their latency.
    static let replaySweepFloorRatio = 1.1
    /// The target for planning with Vault observed: requests × latency / parallelism.
    static let vaultFloorRatio = 1.1

    var measure: String
    var value: Double
    var limit: Double
    /// How the budget is shown: "≤ 10.0 s", "< 50 KiB"…
    var budget: String
    var withinBudget: Bool

    init(measure: String, value: Double, limit: Double, budget: String) {
        self.measure = measure
        self.value = value
        self.limit = limit
        self.budget = budget
        withinBudget = value <= limit
    }

    enum CodingKeys: String, CodingKey {
        case measure, value, limit, budget
        case withinBudget = "within_budget"
    }
}
