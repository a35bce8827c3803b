/// What one timed run of tenantctl cost.
struct RunFigures: Sendable, Encodable {
    var wallSeconds: Double
    var maxRSSBytes: Int
    /// The least maxRSSBytes could be (see `MeasuringHelper`); a figure at the floor is an upper bound.
    var rssFloorBytes: Int?
    var userSeconds: Double
    var systemSeconds: Double

    init(_ result: ChildResult) {
        wallSeconds = result.wallSeconds
        maxRSSBytes = result.maxRSSBytes
        rssFloorBytes = result.rssFloorBytes
        userSeconds = result.userSeconds
        systemSeconds = result.systemSeconds
    }

    /// True when the peak is the floor itself: the real peak may be lower.
    var atFloor: Bool { rssFloorBytes.map { maxRSSBytes <= $0 + 64 * 1024 } ?? false }

    enum CodingKeys: String, CodingKey {
        case wallSeconds = "wall_seconds"
        case maxRSSBytes = "max_rss_bytes"
        case rssFloorBytes = "rss_floor_bytes"
        case userSeconds = "user_seconds"
        case systemSeconds = "system_seconds"
    }
}
