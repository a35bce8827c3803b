import PlanModel
import TenantCore

/// The driver half of an outside system: it observes, applies one change at a time, and says
/// what its errors mean. Its planning half (``SystemPlanning``) is pure and lives in a target of
/// its own; the engine talks to both through these two protocols only.
public protocol SystemDriver: Sendable {
    /// The system's name, as its planner gives it (`juju`, `vault`).
    var system: String { get }

    /// Observes what the desired state needs of this system. It does not throw: what could not
    /// be observed is recorded as such in the observation, and the planner plans nothing there
    /// (and certainly deletes nothing).
    func observe(_ request: ObservationRequest) async -> any SystemObservation

    /// Carries out one change. It must be idempotent: re-run after a crash or a lost answer, it
    /// finds the work done and succeeds. It returns the values dependents may need (an ingress
    /// address), by name.
    func apply(_ change: Change, inputs: ChangeInputs) async throws -> [String: String]

    /// What an error from ``apply(_:inputs:)`` means for a retry.
    func classify(_ error: any Error) -> ErrorClass

    /// The error's text as people may read it: secrets the driver handled are masked.
    func redact(_ text: String) -> String

    /// Before an apply starts: clean what a killed run left behind (Juju's files for juju may
    /// hold secrets). Throws when the apply cannot safely start.
    func prepareApply() throws
}

extension SystemDriver {
    public func redact(_ text: String) -> String { text }
    public func prepareApply() throws {}
}

/// What observing gets besides the driver's own configuration.
public struct ObservationRequest: Sendable {
    public var desired: DesiredState
    public var fleet: Fleet?

    public init(desired: DesiredState, fleet: Fleet?) {
        self.desired = desired
        self.fleet = fleet
    }
}

/// How the walker treats a failed attempt.
public enum ErrorClass: Sendable, Equatable {
    /// Worth another attempt after a pause (a dropped connection, 429, 503).
    case transient
    /// Retrying cannot help; the change failed.
    case permanent
    /// The world already is as the change wanted (created by an earlier, interrupted run).
    case alreadyDone
}

/// Values the changes a change depends on produced, by change id then name.
public struct ChangeInputs: Sendable, Equatable {
    public var values: [String: [String: String]]

    public init(values: [String: [String: String]] = [:]) {
        self.values = values
    }

    /// The value `name` produced by a dependency, if one did (the first by change id).
    public func value(_ name: String) -> String? {
        for id in values.keys.sorted() { if let value = values[id]?[name] { return value } }
        return nil
    }
}
