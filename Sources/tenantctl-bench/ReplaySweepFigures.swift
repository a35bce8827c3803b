/// The drift sweep against juju-replay: the same models and calls as the juju-sim sweep, answered
/// from recordings after a fixed sleep, so that what is above the floor is tenantctl's own cost.
struct ReplaySweepFigures: Sendable, Encodable {
    var models: Int
    var deployed: Int
    var latencyMilliseconds: Int
    var parallelism: Int
    /// Calls counted from juju-replay's log.
    var statusCalls: Int
    var exportCalls: Int
    var otherCalls: Int
    /// From the first juju call's start to the last one's end, and the calls in flight on
    /// average over that time (juju-replay's log): what is outside it is tenantctl before and
    /// after its calls; what is below the parallelism, gaps in its window.
    var callSeconds: Double
    var meanInFlight: Double
    var run: RunFigures
    var exitStatus: Int32
    var driftItems: Int
    var unobserved: Int
    /// The juju-sim sweep of the same models found as many drift items.
    var sameAnswerAsJujuSim: Bool
    var crashes: [String]
    /// Seconds spent recording juju-sim's answers (untimed setup, for reference).
    var recordingSeconds: Double
    /// The same sweep with JUJU_REPLAY_LATENCY_MS=0: tenantctl's own cost.
    var noLatencyRun: RunFigures

    /// L + (one `status` per model + one `export-bundle` per model with applications) × L / C:
    /// the time the sweep takes if tenantctl cost nothing. The first L is the listing round
    /// (`controllers` and each controller's `models`, asked at once), which must come back
    /// before any model is read: a model Juju does not list is absent, not read.
    var floorSeconds: Double {
        let latency = Double(latencyMilliseconds) / 1000
        return (otherCalls > 0 ? latency : 0) + Double(statusCalls + exportCalls) * latency / Double(max(parallelism, 1))
    }
    var ratio: Double { floorSeconds > 0 ? run.wallSeconds / floorSeconds : 0 }
    var cpuSeconds: Double { run.userSeconds + run.systemSeconds }

    var budget: Budget {
        Budget(measure: "drift sweep against juju-replay, \(models) models: wall time / floor", value: ratio,
               limit: Budget.replaySweepFloorRatio, budget: String(format: "≤ %.1f×", Budget.replaySweepFloorRatio))
    }

    enum CodingKeys: String, CodingKey {
        case models, deployed, parallelism, run, ratio, unobserved, crashes
        case latencyMilliseconds = "latency_ms"
        case statusCalls = "status_calls"
        case exportCalls = "export_bundle_calls"
        case otherCalls = "other_calls"
        case callSeconds = "call_seconds"
        case meanInFlight = "mean_in_flight"
        case exitStatus = "exit_status"
        case driftItems = "drift_items"
        case sameAnswerAsJujuSim = "same_answer_as_juju_sim"
        case recordingSeconds = "recording_seconds"
        case noLatencyRun = "no_latency_run"
        case floorSeconds = "floor_seconds"
        case cpuSeconds = "cpu_seconds"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(models, forKey: .models)
        try container.encode(deployed, forKey: .deployed)
        try container.encode(latencyMilliseconds, forKey: .latencyMilliseconds)
        try container.encode(parallelism, forKey: .parallelism)
        try container.encode(statusCalls, forKey: .statusCalls)
        try container.encode(exportCalls, forKey: .exportCalls)
        try container.encode(otherCalls, forKey: .otherCalls)
        try container.encode(callSeconds, forKey: .callSeconds)
        try container.encode(meanInFlight, forKey: .meanInFlight)
        try container.encode(run, forKey: .run)
        try container.encode(exitStatus, forKey: .exitStatus)
        try container.encode(driftItems, forKey: .driftItems)
        try container.encode(unobserved, forKey: .unobserved)
        try container.encode(sameAnswerAsJujuSim, forKey: .sameAnswerAsJujuSim)
        try container.encode(crashes, forKey: .crashes)
        try container.encode(recordingSeconds, forKey: .recordingSeconds)
        try container.encode(noLatencyRun, forKey: .noLatencyRun)
        try container.encode(floorSeconds, forKey: .floorSeconds)
        try container.encode(ratio, forKey: .ratio)
        try container.encode(cpuSeconds, forKey: .cpuSeconds)
    }
}
