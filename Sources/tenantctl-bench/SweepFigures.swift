/// The drift sweep against juju-sim: the models, the simulated latency and bound, and what
/// `tenantctl drift` took next to the floor N·L/C.
struct SweepFigures: Sendable, Encodable {
    static let latencyMilliseconds = 100
    static let parallelism = 16

    var tenants: Int
    /// Models that exist in juju-sim and are observed; the repository's other environments are
    /// absent (the listing says so, and they cost no call).
    var models: Int
    var deployed: Int
    var absent: Int
    var controllers: Int
    var cpus: Int
    var run: RunFigures
    var exitStatus: Int32
    var driftItems: Int
    var unobserved: Int
    var unobservedSample: [String]
    /// Attempts before the measured one that ended with tenantctl crashing, with what crashed.
    var crashes: [String]

    /// The juju calls the sweep made, counted from juju-sim's call log: `controllers` once,
    /// `models` once per controller, `status` per model, `export-bundle` per model that has
    /// applications.
    var calls: Int
    /// The same sweep against juju-replay; nil without --juju-replay.
    var replay: ReplaySweepFigures?
    var floorSeconds: Double { Double(models) * Double(Self.latencyMilliseconds) / 1000 / Double(Self.parallelism) }
    var ratio: Double { floorSeconds > 0 ? run.wallSeconds / floorSeconds : 0 }
    /// tenantctl and every juju-sim call it reaped (wait4 counts reaped descendants).
    var cpuSeconds: Double { run.userSeconds + run.systemSeconds }
    /// The wall time that CPU work alone needs on this host: when above the latency floor, the
    /// sweep is bound by the machine, not by Juju's latency.
    var cpuFloorSeconds: Double { cpuSeconds / Double(max(cpus, 1)) }

    var budget: Budget {
        Budget(measure: "drift sweep, \(models) models: wall time / N·L/C", value: ratio, limit: Budget.sweepFloorRatio,
               budget: String(format: "close to 1 (≤ %.1f)", Budget.sweepFloorRatio))
    }

    enum CodingKeys: String, CodingKey {
        case tenants, models, deployed, absent, controllers, cpus, run, calls, ratio, unobserved
        case latencyMilliseconds = "latency_ms"
        case parallelism
        case exitStatus = "exit_status"
        case driftItems = "drift_items"
        case unobservedSample = "unobserved_sample"
        case crashes, replay
        case floorSeconds = "floor_seconds"
        case cpuSeconds = "cpu_seconds"
        case cpuFloorSeconds = "cpu_floor_seconds"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tenants, forKey: .tenants)
        try container.encode(models, forKey: .models)
        try container.encode(deployed, forKey: .deployed)
        try container.encode(absent, forKey: .absent)
        try container.encode(controllers, forKey: .controllers)
        try container.encode(cpus, forKey: .cpus)
        try container.encode(Self.latencyMilliseconds, forKey: .latencyMilliseconds)
        try container.encode(Self.parallelism, forKey: .parallelism)
        try container.encode(run, forKey: .run)
        try container.encode(exitStatus, forKey: .exitStatus)
        try container.encode(driftItems, forKey: .driftItems)
        try container.encode(unobserved, forKey: .unobserved)
        try container.encode(unobservedSample, forKey: .unobservedSample)
        try container.encode(crashes, forKey: .crashes)
        try container.encode(calls, forKey: .calls)
        try container.encode(floorSeconds, forKey: .floorSeconds)
        try container.encode(ratio, forKey: .ratio)
        try container.encode(cpuSeconds, forKey: .cpuSeconds)
        try container.encode(cpuFloorSeconds, forKey: .cpuFloorSeconds)
        try container.encodeIfPresent(replay, forKey: .replay)
    }
}
