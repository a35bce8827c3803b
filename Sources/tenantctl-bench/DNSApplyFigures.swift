/// One provider's DNS apply measure: plan, apply and the second plan, with the provider calls
/// the apply made beside the fewest its API allows.
struct DNSApplyFigures: Sendable, Encodable {
    var provider: DNSApplyRepository.Provider
    var records: Int
    var tenants: Int
    var upserts: Int
    var plan: RunFigures
    var apply: RunFigures
    /// Calls during the apply, by kind (see ``DNSCallLog``).
    var applyCalls: DNSCallLog.Counts
    var secondPlan: RunFigures
    /// Changes the plan after the apply still had (the bench fails when not 0).
    var secondPlanChanges: Int
    /// Route 53: the fewest ChangeResourceRecordSets requests for these records.
    var route53MinimumChanges: Int = 0

    init(provider: DNSApplyRepository.Provider, records: Int, tenants: Int, upserts: Int, plan: RunFigures, apply: RunFigures,
         applyCalls: DNSCallLog.Counts, secondPlan: RunFigures, secondPlanChanges: Int, route53MinimumChanges: Int) {
        self.provider = provider
        self.records = records
        self.tenants = tenants
        self.upserts = upserts
        self.plan = plan
        self.apply = apply
        self.applyCalls = applyCalls
        self.secondPlan = secondPlan
        self.secondPlanChanges = secondPlanChanges
        self.route53MinimumChanges = route53MinimumChanges
    }

    var changesPerSecond: Double { apply.wallSeconds > 0 ? Double(upserts) / apply.wallSeconds : 0 }

    /// Each kind of call the apply made, with the fewest that can do the same work: one list
    /// of the zone (the apply observes once), the writes batched as far as the API allows
    /// (RFC 2136: one nsupdate run can send every update; Route 53: its per-request limits),
    /// and one gate query per written record and server.
    var callLines: [(call: String, made: Int, minimum: Int)] {
        switch provider {
        case .rfc2136:
            return [("AXFR", applyCalls["AXFR"] ?? 0, 1), ("nsupdate", applyCalls["nsupdate"] ?? 0, 1),
                    ("gate query", applyCalls["gate query"] ?? 0, upserts)]
        case .route53:
            return [("ListHostedZonesByName", applyCalls["ListHostedZonesByName"] ?? 0, 1),
                    ("ListResourceRecordSets page", applyCalls["ListResourceRecordSets"] ?? 0, 1),
                    ("ChangeResourceRecordSets", applyCalls["ChangeResourceRecordSets"] ?? 0, route53MinimumChanges),
                    ("GetChange", applyCalls["GetChange"] ?? 0, 0)]
        }
    }

    enum CodingKeys: String, CodingKey {
        case provider, records, tenants, upserts, plan, apply, calls
        case changesPerSecond = "changes_per_second"
        case secondPlan = "second_plan"
        case secondPlanChanges = "second_plan_changes"
    }

    struct Call: Encodable {
        var call: String
        var made: Int
        var minimum: Int
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(provider.rawValue, forKey: .provider)
        try container.encode(records, forKey: .records)
        try container.encode(tenants, forKey: .tenants)
        try container.encode(upserts, forKey: .upserts)
        try container.encode(plan, forKey: .plan)
        try container.encode(apply, forKey: .apply)
        try container.encode(changesPerSecond, forKey: .changesPerSecond)
        try container.encode(callLines.map { Call(call: $0.call, made: $0.made, minimum: $0.minimum) }, forKey: .calls)
        try container.encode(secondPlan, forKey: .secondPlan)
        try container.encode(secondPlanChanges, forKey: .secondPlanChanges)
    }
}
