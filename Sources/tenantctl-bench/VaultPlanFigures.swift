/// `tenantctl plan` with Vault observed for real: N tenants, each referencing two secrets of its
/// own, their KV v2 metadata read from vault-sim at a fixed latency per request.
struct VaultPlanFigures: Sendable, Encodable {
    static let latencyMilliseconds = 20
    static let parallelism = 16

    var tenants: Int
    var environments: Int
    var secretPaths: Int
    var requests: Int
    var metadataRequests: Int
    var failedRequests: Int
    /// From vault-sim's first logged answer to its last: the Vault part of the plan.
    var vaultSpanSeconds: Double
    var run: RunFigures
    var exitStatus: Int32
    var vaultChecks: Int
    var skipped: Int

    /// requests × L / C: Vault's answers alone, with 16 always in flight.
    var floorSeconds: Double { Double(requests) * Double(Self.latencyMilliseconds) / 1000 / Double(Self.parallelism) }
    /// The Vault span over the floor: how close tenantctl keeps 16 requests in flight.
    var spanRatio: Double { floorSeconds > 0 ? vaultSpanSeconds / floorSeconds : 0 }
    var ratio: Double { floorSeconds > 0 ? run.wallSeconds / floorSeconds : 0 }

    var budget: Budget {
        Budget(measure: "plan with Vault, \(tenants) tenants: Vault span / floor", value: spanRatio,
               limit: Budget.vaultFloorRatio, budget: String(format: "≤ %.1f×", Budget.vaultFloorRatio))
    }

    enum CodingKeys: String, CodingKey {
        case tenants, environments, requests, run, skipped, ratio
        case secretPaths = "secret_paths"
        case metadataRequests = "metadata_requests"
        case failedRequests = "failed_requests"
        case vaultSpanSeconds = "vault_span_seconds"
        case exitStatus = "exit_status"
        case vaultChecks = "vault_checks"
        case latencyMilliseconds = "latency_ms"
        case parallelism
        case floorSeconds = "floor_seconds"
        case spanRatio = "span_ratio"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tenants, forKey: .tenants)
        try container.encode(environments, forKey: .environments)
        try container.encode(secretPaths, forKey: .secretPaths)
        try container.encode(Self.latencyMilliseconds, forKey: .latencyMilliseconds)
        try container.encode(Self.parallelism, forKey: .parallelism)
        try container.encode(requests, forKey: .requests)
        try container.encode(metadataRequests, forKey: .metadataRequests)
        try container.encode(failedRequests, forKey: .failedRequests)
        try container.encode(vaultSpanSeconds, forKey: .vaultSpanSeconds)
        try container.encode(run, forKey: .run)
        try container.encode(exitStatus, forKey: .exitStatus)
        try container.encode(vaultChecks, forKey: .vaultChecks)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(floorSeconds, forKey: .floorSeconds)
        try container.encode(spanRatio, forKey: .spanRatio)
        try container.encode(ratio, forKey: .ratio)
    }
}
