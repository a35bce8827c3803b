/// Every `*-status` object of Juju: `{current, message?, since?, version?, life?}`.
///
/// `since` stays text: Juju prints it in the client's zone with several historical layouts, and
/// 4.0 drops it from agent statuses, so nothing may depend on parsing it.
public struct StatusInfo: Codable, Hashable, Sendable {
    public var current: String
    public var message: String?
    public var since: String?
    /// The agent version, on `juju-status` of started machines and installed units.
    public var version: String?
    public var life: String?

    public init(current: String, message: String? = nil, since: String? = nil, version: String? = nil, life: String? = nil) {
        self.current = current
        self.message = message
        self.since = since
        self.version = version
        self.life = life
    }

    enum CodingKeys: String, CodingKey { case current, message, since, version, life }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // An object without `current` still says something (JIMM and 4.0 trim fields); read
        // it as "unknown", Juju's own word for a status nobody set.
        current = container.string(.current) ?? "unknown"
        message = container.string(.message).flatMap { $0.isEmpty ? nil : $0 }
        since = container.string(.since)
        version = container.string(.version)
        life = container.string(.life)
    }
}
