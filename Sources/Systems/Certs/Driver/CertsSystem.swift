import CertsPlanning
import Foundation
import PlanModel
import Reconciler

/// Certificates in the registry: the planner, observations in snapshots, one fingerprint per
/// lineage (its facts, not the time it was read), and how their changes read as drift.
public struct CertsSystem: RegisteredSystem {
    public init() {}

    public var name: String { CertsPlanner.systemName }
    public var planner: any SystemPlanning { CertsPlanner() }

    /// Through `JSONDecoder`: a lineage is a few fields, one per domain.
    public func decodeObservation(json scanner: inout JSONScanner) throws -> any SystemObservation {
        try JSONDecoder().decode(CertsObservation.self, from: scanner.data(of: try scanner.skipValue()))
    }

    public func fingerprints(of observation: any SystemObservation) -> [String: String] {
        guard let certs = observation as? CertsObservation else { return [:] }
        let encoder = ScopeDigest.sortedEncoder()
        var digests: [String: String] = [:]
        for (lineage, state) in certs.lineages {
            // `<tenant>_<environment>_<host>` is the scope `<tenant>/<environment>/<host>`.
            let scope = lineage.replacingOccurrences(of: "_", with: "/")
            digests[ChangeAddress.scopeKey(system: name, scope: scope)] = ScopeDigest.of(Scope(lineage: state, delivery: certs.deliveries[lineage]), with: encoder)
        }
        return digests
    }

    /// What one scope's fingerprint covers: the certificate, and what the model holds of it.
    struct Scope: Encodable {
        var lineage: LineageObservation
        var delivery: DeliveryObservation?
    }

    public func describeDrift(of change: Change, reason: Reason) -> DriftDescription {
        let cause: String
        switch (change.kind, reason.field) {
        case (.certDeliver, _):
            cause = reason.observed == nil ? "the model has no secret with the certificate yet (or it was removed with juju remove-secret)"
                : "the model's secret holds an older certificate (renewed, not delivered yet), or it was updated by hand"
        case (.certRenew, _): cause = "the certificate is within its renewal window (renewals run with apply)"
        case (.certIssue, "names") where reason.observed == nil:
            cause = "no certificate yet (a new tls domain), or its lineage was removed from tenantctl's certbot folder"
        case (.certIssue, "names"): cause = "the domain's names changed in git"
        case (.certIssue, "directory"): cause = "spec.certificates.directory changed (staging to production?)"
        default: cause = "differs from git"
        }
        return DriftDescription(subject: "certificate \(change.target)", address: change.address.description, field: reason.field, cause: cause,
                                place: ["lineage": change.parameters["lineage"]?.description ?? ""])
    }

    /// A certificate held back (preflight, an unreadable lineage, a CA's rate limit) is one git
    /// asks for and does not have as it should, not something present that git lacks.
    public func describeWithheld(_ withheld: WithheldChange) -> DriftDescription {
        DriftDescription(subject: "certificate \(withheld.target)", address: withheld.address.description, field: "certificate",
                         cause: "\(withheld.kind.rawValue) withheld: \(withheld.reason)")
    }
}
