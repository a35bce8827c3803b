import Foundation
import PlanModel

/// A system as the registry knows it: its pure planner, and what the engine needs of its
/// observations without a driver at hand (`plan --observed` reads a snapshot, no live system).
public protocol RegisteredSystem: Sendable {
    var name: String { get }
    var planner: any SystemPlanning { get }
    /// Reads this system's part of a snapshot file: the JSON value its observation's `Encodable`
    /// wrote, the scanner before it.
    func decodeObservation(json scanner: inout JSONScanner) throws -> any SystemObservation
    /// One fingerprint per observed scope (`juju:k8s/acme-production`), leaving out the fields
    /// that change by themselves (unit statuses, token TTLs): a saved plan is stale only when a
    /// scope it acts on moved.
    func fingerprints(of observation: any SystemObservation) -> [String: String]
    /// How a planned change reads as drift: what differs, where, and the likely cause.
    func describeDrift(of change: Change, reason: Reason) -> DriftDescription
    /// How a removal a policy withheld reads as drift (present in the world, not in git).
    func describeWithheld(_ withheld: WithheldChange) -> DriftDescription
}
