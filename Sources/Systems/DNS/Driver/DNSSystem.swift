import DNSPlanning
import Foundation
import PlanModel
import Reconciler

/// DNS in the registry: its planner, its observations in snapshots, one fingerprint per zone,
/// and how its differences read as drift.
public struct DNSSystem: RegisteredSystem {
    public init() {}

    public var name: String { DNSPlanner.systemName }
    public var planner: any SystemPlanning { DNSPlanner() }

    /// Through `JSONDecoder`: zones are few next to Juju's models.
    public func decodeObservation(json scanner: inout JSONScanner) throws -> any SystemObservation {
        try JSONDecoder().decode(DNSObservation.self, from: scanner.data(of: try scanner.skipValue()))
    }

    /// One scope per zone (`dns:<provider>/<zone>`): the digest of its sorted record sets (or of
    /// why it could not be read). The serial is left out: some servers bump it on their own
    /// (DNSSEC re-signing) without any record changing.
    public func fingerprints(of observation: any SystemObservation) -> [String: String] {
        guard let dns = observation as? DNSObservation else { return [:] }
        let encoder = ScopeDigest.sortedEncoder()
        var digests: [String: String] = [:]
        for (scope, zone) in dns.zones {
            digests[ChangeAddress.scopeKey(system: name, scope: scope)] = ScopeDigest.of(zone.state, with: encoder)
        }
        return digests
    }

    public func describeDrift(of change: Change, reason: Reason) -> DriftDescription {
        let (provider, zone) = DNSAddress.zone(of: change.address)
        let place = ["zone": zone, "provider": provider]
        let owner = change.parameters["ownership"].flatMap { Ownership.parse($0.description) }.map { ", owner \($0.owner) \($0.environmentID)" } ?? ""
        let subject = change.parameters["name"].map { "record \($0) \(change.parameters["type"]?.description ?? "") (zone \(zone) at \(provider)\(owner))" }
            ?? "\(change.target) (zone \(zone) at \(provider))"
        let cause: String
        switch (change.kind, reason.field) {
        case (.dnsUpsert, "values") where reason.observed == nil && change.effect == .create:
            cause = change.reasons.contains { $0.field == "owner" && $0.observed != "(none)" }
                ? "the record was deleted out of band (its ownership TXT is still there), or it is new in git"
                : "a record new in git, not applied yet"
        case (.dnsUpsert, "values"), (.dnsUpsert, "ttl"):
            cause = "changed by hand in the provider's console (or through its API), or changed in git and not applied yet"
        case (.dnsUpsert, "owner"):
            cause = "the ownership TXT was deleted or edited out of band, or the record is being adopted (adopt: true)"
        case (.dnsDelete, _):
            cause = "owned by tenantctl for \(change.environment), but no longer in git"
        case (.dnsPublish, _):
            cause = "follows the record writes above: OVH serves written records only once the zone is refreshed"
        default:
            cause = "differs from git"
        }
        return DriftDescription(subject: subject, address: change.address.description, field: reason.field, cause: cause, place: place)
    }

    public func describeWithheld(_ withheld: WithheldChange) -> DriftDescription {
        let (provider, zone) = DNSAddress.zone(of: withheld.address)
        if withheld.kind == .domainRegister {
            return DriftDescription(subject: "domain \(zone)", address: withheld.address.description, field: "registration",
                                    cause: "not bought: \(withheld.reason)", place: ["zone": zone, "provider": provider])
        }
        let isConflict = withheld.kind == .dnsUpsert
        return DriftDescription(subject: "record \(withheld.target)", address: withheld.address.description,
                                field: isConflict ? "conflict" : "present",
                                cause: isConflict ? withheld.reason : "owned by tenantctl but not in git; dns.delete withheld: \(withheld.reason)",
                                place: ["zone": zone, "provider": provider])
    }
}
