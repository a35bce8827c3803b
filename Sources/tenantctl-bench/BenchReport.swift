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
    /// `plan --observed`, by size (issue 3).
    var plans: [PlanFigures]
    /// nil with --skip-sweep.
    var sweep: SweepFigures?
    /// `plan` with Vault observed from vault-sim; nil without --vault-sim.
    var vault: VaultPlanFigures?
    /// `plan` with DNS observed from ovh-sim; nil without --ovh-sim.
    var dns: DNSObserveFigures?
    /// `plan` and `apply` of many records in one zone, per provider; empty with --dns-apply-records 0.
    var dnsApply: [DNSApplyFigures]
    /// `tenantctl serve`: webhook to first change, and a flood; nil without --gitlab-sim.
    var serve: ServeFigures?
    /// One apply issuing certificates against pebble; nil without --juju-sim or with --skip-certs.
    var certs: CertsIssueFigures?
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

    /// The plan time ratio between the largest and the smallest size, with their tenant ratio:
    /// linear planning gives about the tenant ratio (10 for 10,000 over 1,000).
    var planRatio: (time: Double, tenants: Double)? {
        guard let first = plans.first, let last = plans.last, last.tenants > first.tenants, first.medianSeconds > 0 else { return nil }
        return (last.medianSeconds / first.medianSeconds, Double(last.tenants) / Double(first.tenants))
    }

    /// Memory each additional tenant costs `plan`, between the smallest and the largest size (the
    /// process's fixed cost cancels out, as for validate).
    var planMarginalBudget: Budget? {
        guard let first = plans.first, let last = plans.last, last.tenants > first.tenants else { return nil }
        let bytes = Double(last.maxRSSBytes - first.maxRSSBytes) / Double(last.tenants - first.tenants)
        return Budget(measure: "plan marginal RSS per tenant (bytes)", value: bytes, limit: Budget.bytesPerTenant, budget: "< 50 KiB")
    }

    var planRatioBudget: Budget? {
        guard let ratio = planRatio, let first = plans.first, let last = plans.last else { return nil }
        let limit = ratio.tenants * Budget.planRatioSlack
        return Budget(measure: "plan time ratio \(last.tenants)/\(first.tenants)", value: ratio.time, limit: limit,
                      budget: String(format: "≈ %.0f, linear (≤ %.1f)", ratio.tenants, limit))
    }

    var startupMedianSeconds: Double { Statistics.median(startup.map(\.wallSeconds)) }

    init(tenantctl: String, host: String, cpus: Int, seed: UInt64, startup: [RunFigures],
         large: RepositoryFigures, small: RepositoryFigures, plans: [PlanFigures], sweep: SweepFigures?, vault: VaultPlanFigures?,
         dns: DNSObserveFigures? = nil, dnsApply: [DNSApplyFigures] = [], certs: CertsIssueFigures? = nil) {
        self.dnsApply = dnsApply
        self.certs = certs
        self.startup = startup
        self.tenantctl = tenantctl
        self.host = host
        self.cpus = cpus
        self.seed = seed
        self.large = large
        self.small = small
        self.plans = plans
        self.sweep = sweep
        self.vault = vault
        self.dns = dns
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
        // Memory per tenant is judged on the largest size only: on small ones the fixed cost of
        // the process dominates (the marginal figure covers the difference).
        budgets += plans.map(\.timeBudget) + (plans.last.map { [$0.memoryBudget] } ?? [])
        budgets += [planMarginalBudget, planRatioBudget].compactMap { $0 }
        if let sweep { budgets.append(sweep.budget) }
        if let replay = sweep?.replay { budgets.append(replay.budget) }
        if let vault { budgets.append(vault.budget) }
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case tenantctl, host, cpus, seed, startup, large, small, plans, sweep, vault, serve, budgets
        case dnsApply = "dns_apply"
        case planTimeRatio = "plan_time_ratio"
        case planMarginalBytesPerTenant = "plan_marginal_rss_per_tenant_bytes"
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
        try container.encode(plans, forKey: .plans)
        try container.encodeIfPresent(sweep, forKey: .sweep)
        try container.encodeIfPresent(vault, forKey: .vault)
        if !dnsApply.isEmpty { try container.encode(dnsApply, forKey: .dnsApply) }
        try container.encodeIfPresent(serve, forKey: .serve)
        try container.encodeIfPresent(planRatio?.time, forKey: .planTimeRatio)
        try container.encodeIfPresent(planMarginalBudget?.value, forKey: .planMarginalBytesPerTenant)
        try container.encode(budgets, forKey: .budgets)
        try container.encode(marginalBytesPerTenant, forKey: .marginalBytesPerTenant)
        try container.encode(changedRatio, forKey: .changedRatio)
        try container.encode(withinBudgets, forKey: .withinBudgets)
    }
}
