/// The measurements taken on one generated repository.
struct RepositoryFigures: Sendable, Encodable {
    var repository: GeneratedRepository
    /// Environments `validate` resolved (shared models included).
    var environments: Int
    var validateRuns: [RunFigures]
    var changedRuns: [RunFigures]

    var validateMedianSeconds: Double { Statistics.median(validateRuns.map(\.wallSeconds)) }
    var validateMedianCPUSeconds: Double { Statistics.median(validateRuns.map { $0.userSeconds + $0.systemSeconds }) }
    var validateMaxRSSBytes: Int { validateRuns.map(\.maxRSSBytes).max() ?? 0 }
    var validateRSSPerTenant: Double { Double(validateMaxRSSBytes) / Double(max(repository.tenants, 1)) }
    var changedMedianSeconds: Double { Statistics.median(changedRuns.map(\.wallSeconds)) }
    var changedMaxRSSBytes: Int { changedRuns.map(\.maxRSSBytes).max() ?? 0 }

    enum CodingKeys: String, CodingKey {
        case repository, environments
        case validateRuns = "validate_runs"
        case changedRuns = "changed_runs"
        case validateMedianSeconds = "validate_median_seconds"
        case validateMedianCPUSeconds = "validate_median_cpu_seconds"
        case validateMaxRSSBytes = "validate_max_rss_bytes"
        case validateRSSPerTenant = "validate_rss_per_tenant_bytes"
        case changedMedianSeconds = "changed_median_seconds"
        case changedMaxRSSBytes = "changed_max_rss_bytes"
    }

    init(repository: GeneratedRepository, environments: Int, validateRuns: [RunFigures], changedRuns: [RunFigures]) {
        self.repository = repository
        self.environments = environments
        self.validateRuns = validateRuns
        self.changedRuns = changedRuns
    }


    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(repository, forKey: .repository)
        try container.encode(environments, forKey: .environments)
        try container.encode(validateRuns, forKey: .validateRuns)
        try container.encode(changedRuns, forKey: .changedRuns)
        try container.encode(validateMedianSeconds, forKey: .validateMedianSeconds)
        try container.encode(validateMedianCPUSeconds, forKey: .validateMedianCPUSeconds)
        try container.encode(validateMaxRSSBytes, forKey: .validateMaxRSSBytes)
        try container.encode(validateRSSPerTenant, forKey: .validateRSSPerTenant)
        try container.encode(changedMedianSeconds, forKey: .changedMedianSeconds)
        try container.encode(changedMaxRSSBytes, forKey: .changedMaxRSSBytes)
    }
}
