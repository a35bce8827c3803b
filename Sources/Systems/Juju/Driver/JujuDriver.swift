import Foundation
import JujuPlanning
import PlanModel
import Reconciler
import TenantCore

/// Juju's driver half: observes models through the juju CLI, applies one change with the
/// executor (health gates included), and reads juju's errors for the walker.
public struct JujuDriver: SystemDriver {
    public var system: String { JujuPlanner.systemName }
    public var observer: Observer
    public var executor: JujuExecutor?

    /// - Parameter executor: nil for a driver that only observes (plan, drift).
    public init(observer: Observer, executor: JujuExecutor?) {
        self.observer = observer
        self.executor = executor
    }

    public func observe(_ request: ObservationRequest) async -> any SystemObservation {
        await observer.observe(request.desired, controllers: request.fleet?.controllers.map(\.name.value) ?? [])
    }

    public func apply(_ change: Change, inputs: ChangeInputs) async throws -> [String: String] {
        guard let executor else { throw JujuDriverError.readOnly }
        return try await executor.execute(change)
    }

    public func classify(_ error: any Error) -> ErrorClass {
        (error as? JujuCommandError)?.isTransient == true ? .transient : .permanent
    }

    public func redact(_ text: String) -> String {
        executor?.redactor.redact(text) ?? text
    }

    /// Files a killed run left for juju may hold secrets: removed before anything else runs.
    public func prepareApply() throws {
        try executor?.juju.files.sweep()
    }
}

enum JujuDriverError: Error, CustomStringConvertible {
    case readOnly

    var description: String { "this Juju driver was made to observe, not to apply" }
}

/// Juju in the registry: its planner, and its observations in snapshots.
public struct JujuSystem: RegisteredSystem {
    public init() {}

    public var name: String { JujuPlanner.systemName }
    public var planner: any SystemPlanning { JujuPlanner() }

    public func decodeObservation(json scanner: inout JSONScanner) throws -> any SystemObservation {
        try ObservedState(json: &scanner)
    }

    public func fingerprints(of observation: any SystemObservation) -> [String: String] {
        guard let state = observation as? ObservedState else { return [:] }
        return Fingerprint.scopes(of: state)
    }
}

extension ChangeWalker {
    /// A walker with the Juju driver only (tests, the benchmark).
    public init(jujuExecutor executor: JujuExecutor, journal: (any OwningJournal)?, parallelism: Int, retry: RetryPolicy = RetryPolicy(),
                heartbeat: Duration = .seconds(15), progress: @escaping @Sendable (String) -> Void) {
        let driver = JujuDriver(observer: Observer(juju: executor.juju, parallelism: parallelism, journal: journal), executor: executor)
        self.init(drivers: [driver], journal: journal, parallelism: parallelism, retry: retry, heartbeat: heartbeat, progress: progress)
    }
}
