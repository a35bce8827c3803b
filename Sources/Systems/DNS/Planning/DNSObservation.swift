import PlanModel

/// What tenantctl saw of DNS: every zone the plan needs, each in full or marked failed.
public struct DNSObservation: SystemObservation, Codable, Equatable {
    /// By scope, `<provider>/<zone>`.
    public var zones: [String: ZoneObservation]

    public init(zones: [String: ZoneObservation] = [:]) {
        self.zones = zones
    }

    public init(_ zones: [ZoneObservation]) {
        self.zones = Dictionary(zones.map { (DNSAddress.scope(provider: $0.provider, zone: $0.zone), $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func zone(provider: String, zone: String) -> ZoneObservation? {
        zones[DNSAddress.scope(provider: provider, zone: zone)]
    }
}
