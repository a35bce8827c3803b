import Foundation
import PlanModel
import Reconciler
import TenantCore
import XCTest

/// What a system gives the conformance suite: its registration, a world to observe and change
/// (its stand-in or real peer, started by the harness), and ways to disturb that world.
protocol ConformanceHarness: Sendable {
    /// The system under test.
    var system: any RegisteredSystem { get }
    /// It with the systems it plans alongside (Vault checks what Juju changes use), in
    /// registration order.
    var systems: [any RegisteredSystem] { get }
    var request: ObservationRequest { get }
    var options: PlanOptions { get }
    /// Drivers that observe and apply against the harness's world, one per system.
    func drivers() -> [any SystemDriver]
    /// Drivers of which the system under test's fails transiently now and then (a dropped
    /// connection, a 503), from now on.
    func flakyDrivers() async throws -> [any SystemDriver]
    /// Carries out `change` behind tenantctl's back, as a person or an earlier, interrupted run
    /// would; false when this kind of change cannot be done out of band.
    func doOutOfBand(_ change: Change) async throws -> Bool
}

/// The contract every registered system keeps, checked the same way for each (one test class
/// per system calls these).
struct SystemConformance {
    let harness: any ConformanceHarness

    private var name: String { harness.system.name }

    private func observeAndPlan(_ drivers: [any SystemDriver]) async -> (ObservedWorld, [String: String], Plan) {
        let reconciliation = Reconciliation(systems: harness.systems)
        let world = await reconciliation.observe(harness.request, drivers: drivers)
        let fingerprints = reconciliation.fingerprints(of: world)
        let plan = reconciliation.plan(desired: harness.request.desired, observed: world, fingerprints: fingerprints,
                                       options: harness.options, commit: nil)
        return (world, fingerprints, plan)
    }

    private func walker(_ drivers: [any SystemDriver], attempts: Int = 1, journal: (any Journal)? = nil) -> ChangeWalker {
        ChangeWalker(drivers: drivers, journal: journal, parallelism: 4,
                     retry: RetryPolicy(attempts: attempts, base: .milliseconds(10), cap: .milliseconds(50)), progress: { _ in })
    }

    /// Observing an unchanged world twice gives the same fingerprints, scope by scope.
    func observingTwiceGivesTheSameFingerprints(file: StaticString = #filePath, line: UInt = #line) async {
        let (_, first, plan) = await observeAndPlan(harness.drivers())
        let (_, second, _) = await observeAndPlan(harness.drivers())
        XCTAssertTrue(first.keys.contains { $0.hasPrefix(name + ":") }, "the system fingerprints what it observed", file: file, line: line)
        XCTAssertEqual(first, second, file: file, line: line)
        let own = plan.changes.filter { $0.address.system == name }
        XCTAssertFalse(own.isEmpty, "the harness's world starts away from the desired state", file: file, line: line)
        XCTAssertTrue(own.allSatisfy { $0.kind.system == name }, "a system plans kinds of its own", file: file, line: line)
        XCTAssertTrue(plan.changes.allSatisfy { first[$0.address.scopeKey] != nil },
                      "every scope a change acts in was fingerprinted", file: file, line: line)
    }

    /// Applying the plan, then planning again, gives no change; and the fingerprints of the
    /// scopes acted on moved.
    func applyingThenPlanningAgainGivesNoChange(file: StaticString = #filePath, line: UInt = #line) async {
        let drivers = harness.drivers()
        let (_, before, plan) = await observeAndPlan(drivers)
        let report = await walker(drivers).apply(plan, run: nil)
        XCTAssertTrue(report.succeeded, "\(report.failures)", file: file, line: line)
        let (_, after, again) = await observeAndPlan(harness.drivers())
        XCTAssertEqual(again.changes.map(\.id), [], file: file, line: line)
        XCTAssertTrue(plan.scopesActedOn.contains { before[$0] != after[$0] }, "applying changed what was observed", file: file, line: line)
        // The same plan applied again, as a rerun after a lost answer would: nothing fails, nothing doubles.
        let rerun = await walker(harness.drivers()).apply(plan, run: nil)
        XCTAssertTrue(rerun.succeeded, "\(rerun.failures)", file: file, line: line)
        let (_, _, still) = await observeAndPlan(harness.drivers())
        XCTAssertEqual(still.changes.map(\.id), [], file: file, line: line)
    }

    /// A transient failure is retried, and the change ends done without doing its work twice.
    func aTransientErrorIsRetried(file: StaticString = #filePath, line: UInt = #line) async {
        let (_, _, plan) = await observeAndPlan(harness.drivers())
        let journal = MemoryJournal()
        let flaky: [any SystemDriver]
        do { flaky = try await harness.flakyDrivers() } catch { return XCTFail("\(error)", file: file, line: line) }
        let report = await walker(flaky, attempts: 8, journal: journal).apply(plan, run: 1)
        XCTAssertTrue(report.succeeded, "\(report.failures)", file: file, line: line)
        let own = Set(plan.changes.filter { $0.address.system == name }.map(\.id))
        XCTAssertTrue(journal.attempts.contains { own.contains($0.action) && $0.attempt > 1 },
                      "a change of the system failed an attempt, which was retried", file: file, line: line)
        let (_, _, again) = await observeAndPlan(harness.drivers())
        XCTAssertEqual(again.changes.map(\.id), [], file: file, line: line)
    }

    /// A change already done out of band counts as done, and is not done twice. A system whose
    /// changes only read (Vault's checks) shows it by applying its changes twice.
    func anAlreadyDoneChangeCountsAsDone(file: StaticString = #filePath, line: UInt = #line) async throws {
        let drivers = harness.drivers()
        let (_, _, plan) = await observeAndPlan(drivers)
        let own = plan.changes.filter { $0.address.system == name }
        if own.allSatisfy({ $0.effect == .read }) {
            let once = await walker(drivers).apply(Plan(changes: own), run: nil)
            let twice = await walker(drivers).apply(Plan(changes: own), run: nil)
            XCTAssertTrue(once.succeeded && twice.succeeded, "\(once.failures) \(twice.failures)", file: file, line: line)
            return
        }
        var done: Change?
        for change in own where change.effect == .create {
            if try await harness.doOutOfBand(change) { done = change; break }
        }
        let change = try XCTUnwrap(done, "the harness can do one of the planned creations out of band", file: file, line: line)
        let report = await walker(drivers).apply(Plan(changes: [change]), run: nil)
        XCTAssertEqual(report.changes.map(\.outcome), [.succeeded], file: file, line: line)
        let (_, _, again) = await observeAndPlan(harness.drivers())
        XCTAssertFalse(again.changes.contains { $0.id == change.id }, "done once, not planned again", file: file, line: line)
    }
}
