/// `plan --observed <snapshot>` on one generated repository: the world it was given and what
/// it cost.
struct PlanFigures: Sendable, Encodable {
    var tenants: Int
    /// Models in the snapshot (one per environment with a model of its own).
    var models: Int
    var world: GeneratedWorld.Tally
    var snapshotBytes: Int
    /// Actions of the checked plan, and the environments they touch (= drifted + absent).
    var actions: Int
    var environmentsWithActions: Int
    var withheld: Int
    var runs: [RunFigures]

    var medianSeconds: Double { Statistics.median(runs.map(\.wallSeconds)) }
    var medianCPUSeconds: Double { Statistics.median(runs.map { $0.userSeconds + $0.systemSeconds }) }
    var maxRSSBytes: Int { runs.map(\.maxRSSBytes).max() ?? 0 }
    var rssPerTenant: Double { Double(maxRSSBytes) / Double(max(tenants, 1)) }

    var timeBudget: Budget {
        let limit = Budget.validateSecondsPer10k * Double(tenants) / 10_000
        return Budget(measure: "plan from a snapshot, \(tenants) tenants: wall time (s)", value: medianSeconds,
                      limit: limit, budget: String(format: "≤ %.1f s", limit))
    }

    var memoryBudget: Budget {
        Budget(measure: "plan from a snapshot, \(tenants) tenants: peak RSS per tenant (bytes)", value: rssPerTenant,
               limit: Budget.bytesPerTenant, budget: "< 50 KiB")
    }

    enum CodingKeys: String, CodingKey {
        case tenants, models, world, actions, withheld, runs
        case snapshotBytes = "snapshot_bytes"
        case environmentsWithActions = "environments_with_actions"
        case medianSeconds = "median_seconds"
        case medianCPUSeconds = "median_cpu_seconds"
        case maxRSSBytes = "max_rss_bytes"
        case rssPerTenant = "rss_per_tenant_bytes"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tenants, forKey: .tenants)
        try container.encode(models, forKey: .models)
        try container.encode(world, forKey: .world)
        try container.encode(snapshotBytes, forKey: .snapshotBytes)
        try container.encode(actions, forKey: .actions)
        try container.encode(environmentsWithActions, forKey: .environmentsWithActions)
        try container.encode(withheld, forKey: .withheld)
        try container.encode(runs, forKey: .runs)
        try container.encode(medianSeconds, forKey: .medianSeconds)
        try container.encode(medianCPUSeconds, forKey: .medianCPUSeconds)
        try container.encode(maxRSSBytes, forKey: .maxRSSBytes)
        try container.encode(rssPerTenant, forKey: .rssPerTenant)
    }
}
