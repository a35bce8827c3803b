/// What was seen of one zone, in full: a partial list is never used to plan, since a record
/// missing from it would look deleted.
public struct ZoneObservation: Codable, Sendable, Equatable {
    public enum State: Codable, Sendable, Equatable {
        /// Every record set of the zone, sorted.
        case observed([DNSRecordSet])
        /// The zone could not be listed completely (unreachable, refused, a page failed). The
        /// environments whose names are in it are not planned, and nothing in it is deleted.
        case failed(String)
        /// The provider does not host this zone (no hosted zone of that name, not in the account).
        case missing
    }

    /// The zone's name (`acme.fr`), normalized.
    public var zone: String
    /// The fleet's provider name (`ovh`, `route53`, `bind-gra`).
    public var provider: String
    public var state: State
    /// The zone's serial, when the provider reports one (SOA serial, OVH refresh serial): a
    /// cheap sign the zone moved, kept for messages; the fingerprint digests the records.
    public var serial: String?

    public init(zone: String, provider: String, state: State, serial: String? = nil) {
        self.zone = DNSName.normalized(zone)
        self.provider = provider
        self.state = state
        self.serial = serial
    }

    public var records: [DNSRecordSet]? {
        if case let .observed(records) = state { return records }
        return nil
    }
}
