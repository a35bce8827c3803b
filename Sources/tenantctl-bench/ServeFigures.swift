/// `tenantctl serve` on the example fleet with juju-sim: how soon a push webhook starts the first
/// change of the tenant it changed, next to the floor of one observation of that tenant; and a
/// flood of webhooks, with the looks and runs it made and serve's memory around it.
struct ServeFigures: Sendable, Encodable {
    /// One commit changing the tenant, its push webhook, and the first change that followed.
    struct Sample: Sendable, Encodable {
        /// serve's own "webhook" log line to its "change started" line (its clock, milliseconds).
        var receivedToChangeSeconds: Double
        /// The webhook's answer, as the bench saw it arrive, to the "change started" line.
        var answerToChangeSeconds: Double
        /// The webhook's request to its answer (202).
        var answerSeconds: Double
        var change: String

        enum CodingKeys: String, CodingKey {
            case change
            case receivedToChangeSeconds = "received_to_change_seconds"
            case answerToChangeSeconds = "answer_to_change_seconds"
            case answerSeconds = "answer_seconds"
        }
    }

    var tenant: String
    var tenants: Int
    var models: Int
    /// The tenant's models, each observed with one `juju status` (all at once, as serve does).
    var tenantModels: Int
    var samples: [Sample]
    /// Each timed observation of the tenant's models.
    var floorRuns: [Double]
    var startupRunSeconds: Double

    var floodEvents: Int
    var floodSeconds: Int
    var floodConnections: Int
    var floodWallSeconds: Double
    var accepted: Int
    var refused: [String: Int]
    /// serve's own count of the webhook events it took as a look request.
    var receivedLook: Double
    var coalesced: Double
    /// Looks taken during the flood (every poll, webhook or coalesced group of them).
    var looks: Double
    /// Reconcile runs started during the flood (their "run" log lines).
    var runs: Int
    var rssBeforeBytes: Int
    var rssAfterBytes: Int
    var peakAfterBytes: Int

    var medianReceivedToChange: Double { Statistics.median(samples.map(\.receivedToChangeSeconds)) }
    var medianAnswerToChange: Double { Statistics.median(samples.map(\.answerToChangeSeconds)) }
    var floorSecondsMedian: Double { Statistics.median(floorRuns) }
    var ratio: Double { floorSecondsMedian > 0 ? medianReceivedToChange / floorSecondsMedian : 0 }

    enum CodingKeys: String, CodingKey {
        case tenant, tenants, models, samples, accepted, refused, coalesced, looks, runs, ratio
        case tenantModels = "tenant_models"
        case floorRuns = "floor_runs_seconds"
        case floorSecondsMedian = "floor_median_seconds"
        case medianReceivedToChange = "received_to_change_median_seconds"
        case medianAnswerToChange = "answer_to_change_median_seconds"
        case startupRunSeconds = "startup_run_seconds"
        case floodEvents = "flood_events"
        case floodSeconds = "flood_seconds"
        case floodConnections = "flood_connections"
        case floodWallSeconds = "flood_wall_seconds"
        case receivedLook = "received_look"
        case rssBeforeBytes = "rss_before_bytes"
        case rssAfterBytes = "rss_after_bytes"
        case peakAfterBytes = "peak_rss_bytes"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tenant, forKey: .tenant)
        try container.encode(tenants, forKey: .tenants)
        try container.encode(models, forKey: .models)
        try container.encode(tenantModels, forKey: .tenantModels)
        try container.encode(samples, forKey: .samples)
        try container.encode(medianReceivedToChange, forKey: .medianReceivedToChange)
        try container.encode(medianAnswerToChange, forKey: .medianAnswerToChange)
        try container.encode(floorRuns, forKey: .floorRuns)
        try container.encode(floorSecondsMedian, forKey: .floorSecondsMedian)
        try container.encode(ratio, forKey: .ratio)
        try container.encode(startupRunSeconds, forKey: .startupRunSeconds)
        try container.encode(floodEvents, forKey: .floodEvents)
        try container.encode(floodSeconds, forKey: .floodSeconds)
        try container.encode(floodConnections, forKey: .floodConnections)
        try container.encode(floodWallSeconds, forKey: .floodWallSeconds)
        try container.encode(accepted, forKey: .accepted)
        try container.encode(refused, forKey: .refused)
        try container.encode(receivedLook, forKey: .receivedLook)
        try container.encode(coalesced, forKey: .coalesced)
        try container.encode(looks, forKey: .looks)
        try container.encode(runs, forKey: .runs)
        try container.encode(rssBeforeBytes, forKey: .rssBeforeBytes)
        try container.encode(rssAfterBytes, forKey: .rssAfterBytes)
        try container.encode(peakAfterBytes, forKey: .peakAfterBytes)
    }
}
