import Foundation
import PlanModel
import Reconciler
import TenantCore
import XCTest

/// The library entry `apply` and `serve` share: the locks are held from before observing to the
/// end, the plan is the systems' plan, the walk is journaled, a stop journals what did not run.
final class ReconcileRunTests: XCTestCase {
    struct ScriptedPlanner: SystemPlanning {
        let system = "test"
        let changes: [Change]
        func plan(_ input: SystemPlanInput) -> SystemPlan { SystemPlan(changes: changes) }
    }

    struct ScriptedSystem: RegisteredSystem {
        let name = "test"
        let planner: any SystemPlanning
        func decodeObservation(json scanner: inout JSONScanner) throws -> any SystemObservation { RecordingDriver.Empty() }
        func fingerprints(of observation: any SystemObservation) -> [String: String] { ["test:scope": "1"] }
        func describeDrift(of change: Change, reason: Reason) -> DriftDescription {
            DriftDescription(subject: change.target, address: change.id, field: "", cause: "")
        }
        func describeWithheld(_ withheld: WithheldChange) -> DriftDescription {
            DriftDescription(subject: withheld.target, address: withheld.address.description, field: "", cause: "")
        }
    }

    final class Locks: EnvironmentLocks, @unchecked Sendable {
        private let lock = NSLock()
        private var _held: [String] = []
        private var _unlocked = 0
        var held: [String] { lock.withLock { _held } }
        var unlocked: Int { lock.withLock { _unlocked } }
        func tryLock(_ environments: [String], command: String) throws -> (environment: String, holder: String)? {
            lock.withLock { _held = environments }
            return nil
        }
        func unlock() throws { lock.withLock { _unlocked += 1 } }
    }

    struct ObservationFailed: Error {}

    private func reconcileRun(_ changes: [Change], driver: RecordingDriver, locks: Locks, journal: RecordingJournal,
                              failObserving: Bool = false) -> ReconcileRun {
        ReconcileRun(reconciliation: Reconciliation(systems: [ScriptedSystem(planner: ScriptedPlanner(changes: changes))]),
                     locks: locks, journal: journal, command: "test", lockTimeout: .seconds(1),
                     observers: { if failObserving { throw ObservationFailed() }; return [driver] },
                     appliers: { _ in [driver] }, parallelism: 2)
    }

    private var target: ReconcileRun.Target {
        ReconcileRun.Target(desired: DesiredState(environments: []), fleet: nil, commit: "c1", environments: ["acme/production"],
                            options: { PlanOptions() })
    }

    func testTheLocksSpanTheRunAndTheWalkIsJournaled() async throws {
        let a = change("test", "a"), b = change("test", "b", after: [a])
        let (driver, locks, journal) = (RecordingDriver(system: "test"), Locks(), RecordingJournal())
        let session = try await reconcileRun([a, b], driver: driver, locks: locks, journal: journal).begin(target)
        XCTAssertEqual(locks.held, ["acme/production"])
        XCTAssertEqual(locks.unlocked, 0, "held while the caller decides")
        XCTAssertEqual(session.plan.changes.map(\.id), [a.id, b.id])
        XCTAssertEqual(session.plan.commit, "c1")
        let outcome = try await session.apply(session.plan)
        XCTAssertTrue(outcome.report.succeeded)
        XCTAssertEqual(journal.attempts.map(\.action), [a.id, b.id])
        session.end()
        session.end()
        XCTAssertEqual(locks.unlocked, 1, "released once")
    }

    func testAStoppedRunStartsNothingAndJournalsTheRestAsNotRun() async throws {
        let a = change("test", "a"), b = change("test", "b", after: [a])
        let (driver, locks, journal) = (RecordingDriver(system: "test"), Locks(), RecordingJournal())
        let session = try await reconcileRun([a, b], driver: driver, locks: locks, journal: journal).begin(target)
        defer { session.end() }
        let stopped = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await session.apply(session.plan)
        }
        let outcome = try await stopped.value
        XCTAssertTrue(outcome.report.stopped)
        XCTAssertEqual(driver.calls(of: "a"), 0)
        XCTAssertEqual(journal.notRun.map(\.action), [a.id, b.id])
        XCTAssertTrue(journal.notRun.allSatisfy(\.interrupted))
    }

    func testTheLocksAreReleasedWhenObservingFails() async {
        let (driver, locks, journal) = (RecordingDriver(system: "test"), Locks(), RecordingJournal())
        do {
            _ = try await reconcileRun([], driver: driver, locks: locks, journal: journal, failObserving: true).begin(target)
            XCTFail("observing failed")
        } catch {
            XCTAssertTrue(error is ObservationFailed)
        }
        XCTAssertEqual(locks.unlocked, 1)
    }
}
