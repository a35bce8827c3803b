/// Everything a run measured, with the budget comparisons; printed as a table or as JSON.
struct BenchReport: Sendable, Encodable {
    var formatVersion = 1
    var tenantctl: String
    var host: String
    var cpus: Int
    var seed: UInt64
    /// `tenantctl version` runs: the cost of starting the process at all.
    var startup: [RunFigures]
    var large: RepositoryFigures
    var small: RepositoryFigures
    var budgets: [Budget]

    /// Memory each additional tenant costs: the peak RSS difference between the two repositories
    /// over their tenant difference (the process's fixed cost cancels out).
    var marginalBytesPerTenant: Double {
        let tenants = large.repository.tenants - small.repository.tenants
        guard tenants > 0 else { return 0 }
        return Double(large.validateMaxRSSBytes - small.validateMaxRSSBytes) / Double(tenants)
    }

    var changedRatio: Double {
        small.changedMedianSeconds > 0 ? large.changedMedianSeconds / small.changedMedianSeconds : 0
    }

    var withinBudgets: Bool { budgets.allSatisfy(\.withinBudget) }

    var startupMedianSeconds: Double { Statistics.median(startup.map(\.wallSeconds)) }

    init(tenantctl: String, host: String, cpus: Int, seed: UInt64, startup: [RunFigures],
         large: RepositoryFigures, small: RepositoryFigures) {
        self.startup = startup
        self.tenantctl = tenantctl
        self.host = host
        self.cpus = cpus
        self.seed = seed
        self.large = large
        self.small = small
        budgets = []
        let tenants = large.repository.tenants
        let timeLimit = Budget.validateSecondsPer10k * Double(tenants) / 10_000
        budgets = [
            Budget(measure: "validate wall time, \(tenants) tenants (s)", value: large.validateMedianSeconds,
                   limit: timeLimit, budget: String(format: "≤ %.1f s", timeLimit)),
            Budget(measure: "validate peak RSS per tenant (bytes)", value: large.validateRSSPerTenant,
                   limit: Budget.bytesPerTenant, budget: "< 50 KiB"),
            Budget(measure: "validate marginal RSS per tenant (bytes)", value: marginalBytesPerTenant,
                   limit: Budget.bytesPerTenant, budget: "< 50 KiB"),
            Budget(measure: "changed time ratio \(tenants)/\(small.repository.tenants)", value: changedRatio,
                   limit: Budget.changedRatio, budget: String(format: "≈ 1 (≤ %.1f)", Budget.changedRatio)),
        ]
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case tenantctl, host, cpus, seed, startup, large, small, budgets
        case startupMedianSeconds = "startup_median_seconds"
        case marginalBytesPerTenant = "marginal_rss_per_tenant_bytes"
        case changedRatio = "changed_ratio"
        case withinBudgets = "within_budgets"
    }


    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(tenantctl, forKey: .tenantctl)
        try container.encode(host, forKey: .host)
        try container.encode(cpus, forKey: .cpus)
        try container.encode(seed, forKey: .seed)
        try container.encode(startup, forKey: .startup)
        try container.encode(startupMedianSeconds, forKey: .startupMedianSeconds)
        try container.encode(large, forKey: .large)
        try container.encode(small, forKey: .small)
        try container.encode(budgets, forKey: .budgets)
        try container.encode(marginalBytesPerTenant, forKey: .marginalBytesPerTenant)
        try container.encode(changedRatio, forKey: .changedRatio)
        try container.encode(withinBudgets, forKey: .withinBudgets)
    }
}
