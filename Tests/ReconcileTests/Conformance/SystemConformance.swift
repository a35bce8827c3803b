import Foundation
import PlanModel
import Reconciler
import TenantCore
import XCTest

/// What a system gives the conformance suite: its registration, a world to observe and change
/// (its stand-in or real peer, started by the harness), and ways to disturb that world.
protocol ConformanceHarness: Sendable {
    var system: any RegisteredSystem { get }
    var request: ObservationRequest { get }
    var options: PlanOptions { get }
    /// A driver that observes and applies against the harness's world.
    func driver() -> any SystemDriver
    /// A driver whose writes fail transiently now and then (a dropped connection, a 503).
    func flakyDriver() -> any SystemDriver
    /// Carries out `change` behind tenantctl's back, as a person or an earlier, interrupted run
    /// would; false when this kind of change cannot be done out of band.
    func doOutOfBand(_ change: Change) async throws -> Bool
}

/// The contract every registered system keeps, checked the same way for each (one test class
/// per system calls these).
struct SystemConformance {
    let harness: any ConformanceHarness

    private func observeAndPlan(_ driver: any SystemDriver) async -> (ObservedWorld, [String: String], Plan) {
        let reconciliation = Reconciliation(systems: [harness.system])
        let world = await reconciliation.observe(harness.request, drivers: [driver])
        let fingerprints = reconciliation.fingerprints(of: world)
        let plan = reconciliation.plan(desired: harness.request.desired, observed: world, fingerprints: fingerprints,
                                       options: harness.options, commit: nil)
        return (world, fingerprints, plan)
    }

    private func walker(_ driver: any SystemDriver, attempts: Int = 1, journal: (any Journal)? = nil) -> ChangeWalker {
        ChangeWalker(drivers: [driver], journal: journal, parallelism: 4,
                     retry: RetryPolicy(attempts: attempts, base: .milliseconds(10), cap: .milliseconds(50)), progress: { _ in })
    }

    /// Observing an unchanged world twice gives the same fingerprints, scope by scope.
    func observingTwiceGivesTheSameFingerprints(file: StaticString = #filePath, line: UInt = #line) async {
        let (_, first, plan) = await observeAndPlan(harness.driver())
        let (_, second, _) = await observeAndPlan(harness.driver())
        XCTAssertFalse(first.isEmpty, "the system fingerprints what it observed", file: file, line: line)
        XCTAssertEqual(first, second, file: file, line: line)
        XCTAssertFalse(plan.changes.isEmpty, "the harness's world starts away from the desired state", file: file, line: line)
        XCTAssertTrue(plan.changes.allSatisfy { $0.address.system == harness.system.name && $0.kind.system == harness.system.name },
                      "a system plans under its own name", file: file, line: line)
        XCTAssertTrue(plan.changes.allSatisfy { first[$0.address.scopeKey] != nil },
                      "every scope a change acts in was fingerprinted", file: file, line: line)
    }

    /// Applying the plan, then planning again, gives no change; and the fingerprints of the
    /// scopes acted on moved.
    func applyingThenPlanningAgainGivesNoChange(file: StaticString = #filePath, line: UInt = #line) async {
        let driver = harness.driver()
        let (_, before, plan) = await observeAndPlan(driver)
        let report = await walker(driver).apply(plan, run: nil)
        XCTAssertTrue(report.succeeded, "\(report.failures)", file: file, line: line)
        let (_, after, again) = await observeAndPlan(harness.driver())
        XCTAssertEqual(again.changes.map(\.id), [], file: file, line: line)
        XCTAssertTrue(plan.scopesActedOn.contains { before[$0] != after[$0] }, "applying changed what was observed", file: file, line: line)
    }

    /// A transient failure is retried, and the change ends done without doing its work twice.
    func aTransientErrorIsRetried(file: StaticString = #filePath, line: UInt = #line) async {
        let (_, _, plan) = await observeAndPlan(harness.driver())
        let journal = MemoryJournal()
        let report = await walker(harness.flakyDriver(), attempts: 8, journal: journal).apply(plan, run: 1)
        XCTAssertTrue(report.succeeded, "\(report.failures)", file: file, line: line)
        XCTAssertTrue(journal.attempts.contains { $0.attempt > 1 }, "the flaky driver failed some attempt, which was retried", file: file, line: line)
        let (_, _, again) = await observeAndPlan(harness.driver())
        XCTAssertEqual(again.changes.map(\.id), [], file: file, line: line)
    }

    /// A change already done out of band counts as done, and is not done twice.
    func anAlreadyDoneChangeCountsAsDone(file: StaticString = #filePath, line: UInt = #line) async throws {
        let driver = harness.driver()
        let (_, _, plan) = await observeAndPlan(driver)
        var done: Change?
        for change in plan.changes where change.effect == .create {
            if try await harness.doOutOfBand(change) { done = change; break }
        }
        let change = try XCTUnwrap(done, "the harness can do one of the planned creations out of band", file: file, line: line)
        let report = await walker(driver).apply(Plan(changes: [change]), run: nil)
        XCTAssertEqual(report.changes.map(\.outcome), [.succeeded], file: file, line: line)
        let (_, _, again) = await observeAndPlan(harness.driver())
        XCTAssertFalse(again.changes.contains { $0.id == change.id }, "done once, not planned again", file: file, line: line)
    }
}
