import DNSPlanning

/// One DNS hosting API (OVH, Route 53, an RFC 2136 server), as the DNS driver needs it: list a
/// zone completely, and write a batch of record-set changes to it. Ownership, conflicts and
/// what to change are decided above this protocol; a provider only translates.
///
/// A provider is built with its credentials already read (from Vault); it never puts them in an
/// error, a log line or a description.
public protocol DNSProviderClient: Sendable {
    /// The provider kind, for messages (`ovh`, `route53`, `rfc2136`).
    var kind: String { get }

    /// Every record set of `zone`, all pages, normalized (names absolute and lower case, TXT
    /// values unquoted, values sorted). Throws ``DNSProviderError/zoneNotFound`` when the
    /// provider does not host the zone, and any error when the list may be incomplete.
    func listRecordSets(in zone: String) async throws -> ZoneListing

    /// Writes `batch` to `zone`. Each entry replaces or removes one whole record set; the batch
    /// is applied in as few calls as the API allows, and waits until the API has accepted it
    /// (Route 53: `GetChange` until `INSYNC`). Idempotent: upserting a set that already has
    /// these values, or deleting one that is already gone, succeeds.
    func apply(_ batch: DNSChangeBatch, to zone: String) async throws

    /// Whether written records stay unpublished until ``publish(zone:)`` (OVH: records are
    /// served only after `POST /domain/zone/{zone}/refresh`, which should run once per zone per
    /// apply, after its last write).
    var needsPublish: Bool { get }

    /// Publishes what was written to `zone` (OVH's refresh). Idempotent.
    func publish(zone: String) async throws
}

extension DNSProviderClient {
    public var needsPublish: Bool { false }
    public func publish(zone: String) async throws {}
}

/// A zone's records as a provider listed them.
public struct ZoneListing: Sendable, Equatable {
    public var recordSets: [DNSRecordSet]
    /// The zone's serial, when the API gives one.
    public var serial: String?

    public init(recordSets: [DNSRecordSet], serial: String? = nil) {
        self.recordSets = recordSets.sorted()
        self.serial = serial
    }
}

/// Record-set writes for one zone.
public struct DNSChangeBatch: Sendable, Equatable {
    public enum Entry: Sendable, Equatable {
        /// Make the set of this name and type exactly this one (create or replace).
        case upsert(DNSRecordSet)
        /// Remove the set of this name and type. The observed set is given because some APIs
        /// (Route 53) delete only by repeating the record exactly.
        case delete(DNSRecordSet)

        public var recordSet: DNSRecordSet {
            switch self {
            case let .upsert(set), let .delete(set): set
            }
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry]) {
        self.entries = entries
    }
}

/// What went wrong talking to a provider, in terms the driver can act on.
public struct DNSProviderError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Worth another attempt (timeout, 5xx, throttled).
        case transient
        /// The credentials were refused (401/403, bad TSIG).
        case unauthorized
        /// The provider does not host the zone.
        case zoneNotFound
        /// Anything else: the request was refused as it is.
        case permanent
    }

    public var kind: Kind
    /// Already free of credentials.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
