import PlanModel

/// What tenantctl saw of DNS: every zone the plan needs, each in full or marked failed.
public struct DNSObservation: SystemObservation, Codable, Equatable {
    /// By scope, `<provider>/<zone>`.
    public var zones: [String: ZoneObservation]
    /// Domains to buy, by `<provider>/<domain>`; nil in a snapshot from before registration.
    public var registrations: [String: RegistrationObservation]?

    public init(zones: [String: ZoneObservation] = [:], registrations: [RegistrationObservation] = []) {
        self.zones = zones
        self.registrations = registrations.isEmpty ? nil : Dictionary(registrations.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public init(_ zones: [ZoneObservation], registrations: [RegistrationObservation] = []) {
        self.init(zones: Dictionary(zones.map { (DNSAddress.scope(provider: $0.provider, zone: $0.zone), $0) }, uniquingKeysWith: { first, _ in first }),
                  registrations: registrations)
    }

    public func registration(provider: String, domain: String) -> RegistrationObservation? {
        registrations?[DNSAddress.scope(provider: provider, zone: domain)]
    }

    public func zone(provider: String, zone: String) -> ZoneObservation? {
        zones[DNSAddress.scope(provider: provider, zone: zone)]
    }
}
