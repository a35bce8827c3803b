import PlanModel
import Reconciler
import XCTest

final class ChangeWalkerTests: XCTestCase {
    func walker(_ drivers: [any SystemDriver], journal: RecordingJournal = RecordingJournal(), parallelism: Int = 4) -> ChangeWalker {
        ChangeWalker(drivers: drivers, journal: journal, parallelism: parallelism,
                     retry: RetryPolicy(attempts: 3, base: .milliseconds(5), cap: .milliseconds(10)), progress: { _ in })
    }

    /// A DNS-like change waits for the Juju-like change it depends on, across systems, and gets
    /// the value that change produced.
    func testChangesRunAfterWhatTheyDependOnAcrossSystemsWithItsValues() async {
        let juju = RecordingDriver(system: "a", behaviours: ["ingress": .succeed(["address": "203.0.113.7"])])
        let dns = RecordingDriver(system: "b")
        let ingress = change("a", "ingress")
        let record = change("b", "record", after: [ingress])
        let certificate = change("b", "certificate", after: [record])
        let report = await walker([juju, dns]).apply(Plan(changes: [certificate, record, ingress].reversed()), run: 1)
        XCTAssertTrue(report.succeeded)
        let events = juju.events + dns.events
        XCTAssertEqual(juju.events, ["start ingress", "end ingress"])
        XCTAssertEqual(dns.events, ["start record", "end record", "start certificate", "end certificate"], "\(events)")
        XCTAssertEqual(dns.inputs["record"]?.value("address"), "203.0.113.7")
        XCTAssertNil(dns.inputs["certificate"]?.value("address"), "only direct dependencies' values are given")
    }

    /// A change that depends on something still running never starts before it ends, even with
    /// room to spare; independent ones run side by side, never more than the bound.
    func testIndependentChangesRunInParallelWithinTheBound() async {
        let gate = Gate()
        let driver = RecordingDriver(system: "a", behaviours: ["slow": .waitFor(gate)])
        let slow = change("a", "slow")
        let after = change("a", "after-slow", after: [slow])
        let others = (1...6).map { change("a", "other-\($0)", environment: "t\($0)/production") }
        let walking = walker([driver], parallelism: 3)
        let plan = Plan(changes: [slow, after] + others)
        let walk = Task { await walking.apply(plan, run: 1) }
        // The six others pass the slow one while it waits; the one after it does not start.
        for _ in 0..<400 where driver.events.filter({ $0.hasPrefix("end other") }).count < 6 { try? await Task.sleep(for: .milliseconds(10)) }
        XCTAssertEqual(driver.events.filter { $0.hasPrefix("end other") }.count, 6, "\(driver.events)")
        XCTAssertFalse(driver.events.contains("start after-slow"))
        gate.open()
        let report = await walk.value
        XCTAssertTrue(report.succeeded)
        XCTAssertLessThanOrEqual(driver.maxRunning, 3)
        XCTAssertGreaterThan(driver.maxRunning, 1, "independent changes overlap")
        XCTAssertLessThan(driver.events.firstIndex(of: "end slow")!, driver.events.firstIndex(of: "start after-slow")!)
    }

    /// A failure skips only what depends on it, each skipped change naming the failed one; the
    /// rest goes on, and the journal says why each did not run.
    func testAFailureSkipsOnlyItsDependents() async {
        let driver = RecordingDriver(system: "a", behaviours: ["model": .fail("model refused", .permanent)])
        let journal = RecordingJournal()
        let model = change("a", "model")
        let deploy = change("a", "deploy", after: [model])
        let wait = change("a", "wait", after: [deploy])
        let other = change("a", "other", environment: "bravo/production")
        let report = await walker([driver], journal: journal).apply(Plan(changes: [model, deploy, wait, other]), run: 1)
        XCTAssertFalse(report.succeeded)
        XCTAssertFalse(report.stopped)
        XCTAssertEqual(report.changes.map(\.outcome), [.failed("model refused"), .skipped(dependency: model.id), .skipped(dependency: model.id), .succeeded])
        XCTAssertEqual(driver.calls(of: "model"), 1, "a permanent failure is not retried")
        XCTAssertEqual(driver.calls(of: "deploy"), 0)
        XCTAssertEqual(journal.notRun.map(\.action), [deploy.id, wait.id])
        XCTAssertEqual(journal.notRun.map(\.reason), ["skipped: \(model.id) failed", "skipped: \(model.id) failed"])
        XCTAssertEqual(report.summaryLine, "Apply: 1 change(s) done in 2 environment(s); 1 environment(s) failed (acme/production), 2 change(s) not run.")
    }

    func testTransientFailuresAreRetriedAndAlreadyDoneCountsAsDone() async {
        let driver = RecordingDriver(system: "a", behaviours: ["flaky": .flaky(times: 2), "done": .fail("already exists", .alreadyDone)])
        let journal = RecordingJournal()
        let flaky = change("a", "flaky")
        let done = change("a", "done", after: [flaky])
        let report = await walker([driver], journal: journal).apply(Plan(changes: [flaky, done]), run: 1)
        XCTAssertTrue(report.succeeded, "\(report)")
        XCTAssertEqual(driver.calls(of: "flaky"), 3)
        XCTAssertEqual(journal.attempts.filter { $0.action == flaky.id }.map(\.succeeded), [false, false, true])
        XCTAssertEqual(journal.attempts.filter { $0.action == done.id }.map(\.succeeded), [true])
    }

    /// Cancelled (SIGINT, SIGTERM): nothing new starts; what ran ends; the rest is not run and
    /// journaled as interrupted.
    func testCancellationStartsNothingNewAndReportsTheRestAsNotRun() async {
        let gate = Gate()
        let driver = RecordingDriver(system: "a", behaviours: ["first": .waitFor(gate)])
        let journal = RecordingJournal()
        let first = change("a", "first")
        let second = change("a", "second", after: [first])
        let walking = walker([driver], journal: journal, parallelism: 1)
        let plan = Plan(changes: [first, second])
        let walk = Task { await walking.apply(plan, run: 1) }
        for _ in 0..<200 where !driver.events.contains("start first") { try? await Task.sleep(for: .milliseconds(5)) }
        walk.cancel()
        let report = await walk.value
        XCTAssertTrue(report.stopped)
        XCTAssertEqual(report.changes.map(\.outcome), [.notRun, .notRun])
        XCTAssertEqual(driver.calls(of: "second"), 0)
        XCTAssertEqual(journal.notRun.map(\.action), [first.id, second.id])
        XCTAssertEqual(journal.notRun.map(\.interrupted), [true, true])
        XCTAssertTrue(report.summaryLine.hasPrefix("Apply stopped: 0 change(s) done, 2 not run"), report.summaryLine)
    }

    func testAChangeOfAnUnregisteredSystemOrOnACycleFails() async {
        var a = change("a", "a")
        let b = change("a", "b", after: [a])
        a.dependsOn = [b.id]
        let orphan = change("zz", "orphan")
        let report = await walker([RecordingDriver(system: "a")]).apply(Plan(changes: [a, b, orphan]), run: nil)
        XCTAssertEqual(report.changes.map(\.outcome), [.failed("it waits on a dependency cycle"), .failed("it waits on a dependency cycle"),
                                                       .failed("no driver for system 'zz' is registered")])
    }
}
