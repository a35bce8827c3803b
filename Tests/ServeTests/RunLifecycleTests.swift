import Foundation
import GitTestSupport
import XCTest

/// Runs under pressure: a commit during a run, a crash, SIGTERM, and a person's apply.
final class RunLifecycleTests: ServeCase {
    func testACommitArrivingDuringARunIsPickedUpByTheNextRun() throws {
        latencyMilliseconds = 150
        let server = try serve()
        try eventually("the first change") { !server.lines("change started").isEmpty }
        try repository.write("tenants/acme.yaml", ServeFleet.tenant("acme", offer: "pme", extra: "  environments:\n    production:\n      applications:\n        db: {units: 2}\n"))
        _ = try repository.commit("acme: two databases")
        XCTAssertEqual(try server.hook(token: "s3cret-token").status, 202)
        try eventually("acme's second database", timeout: 300) { try units("k8s:acme-production", "db") == 2 }
        try eventually("the second run's line") { server.lines("run").count == 2 }
        let runs = server.lines("run")
        XCTAssertEqual(runs.count, 2, server.log)
        XCTAssertTrue(runs.last?.contains("tenants=acme") == true, "only the changed tenant: \(runs)")
    }

    func testKilledMidRunThenRestartedConvergesWithoutDuplicates() throws {
        latencyMilliseconds = 200
        let first = try serve()
        try eventually("a change under way") { first.lines("change").count >= 2 }
        first.kill()
        latencyMilliseconds = 0
        let second = try serve()
        try eventually("the fleet converged", timeout: 300) { try models() == ["k8s:acme-production", "cloud:corp-production"] && second.runs() >= 1 }
        try eventually("the second run's end") { !second.lines("run").isEmpty }
        XCTAssertTrue(second.lines("run").last?.contains("outcome=succeeded") == true, second.log)
        let history = try tenantctl("history")
        XCTAssertTrue(history.stdout.contains("serve  interrupted"), "the killed run is journaled as interrupted:\n\(history.stdout)")
        for (change, count) in try succeededAttempts() { XCTAssertEqual(count, 1, "\(change) was done \(count) times") }
        XCTAssertEqual(try units("k8s:acme-production", "shop"), 1)
        XCTAssertEqual(try units("cloud:corp-production", "shop"), 1)
    }

    func testSIGTERMLetsRunningChangesFinishAndExitsZero() throws {
        latencyMilliseconds = 300
        let server = try serve()
        try eventually("a change under way") { !server.lines("change started").isEmpty }
        server.signal(SIGTERM)
        let status = server.waitForExit(timeout: 180)
        XCTAssertEqual(status, 0, server.log)
        XCTAssertTrue(server.log.contains("stopping: no new look starts"), server.log)
        let history = try tenantctl("history", "--output", "json")
        let runs = (try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])?["runs"] as? [[String: Any]] ?? []
        XCTAssertEqual(runs.first?["status"] as? String, "interrupted", history.stdout)
        let detail = try tenantctl("history", "--run", "\(runs.first?["id"] as? Int ?? 0)", "--output", "json")
        let actions = (try JSONSerialization.jsonObject(with: Data(detail.stdout.utf8)) as? [String: Any])?["actions"] as? [[String: Any]] ?? []
        XCTAssertFalse(actions.contains { $0["result"] as? String == "running" }, "no change left running: \(detail.stdout)")
        XCTAssertTrue(actions.contains { $0["result"] as? String == "succeeded" }, "the change under way finished: \(detail.stdout)")
        XCTAssertTrue(actions.contains { $0["result"] as? String == "interrupted" }, "the rest is journaled as not run: \(detail.stdout)")
    }

    /// A person's apply holds the run lock: the daemon waits for it, then finds nothing to do.
    func testAPersonsApplyAndTheDaemonNeverCollide() throws {
        latencyMilliseconds = 150
        let apply = try ServeProcess.start(["apply", "--auto-approve", "--settle", "0.1", "--repo", repository.path], environment: environment,
                                           log: fixture.path("apply.log"), waitForListening: false)
        try eventually("apply under way") { apply.log.contains("juju.add-model") }
        let server = try serve()
        XCTAssertEqual(apply.waitForExit(timeout: 300), 0, apply.log)
        try eventually("the daemon's look", timeout: 300) { !server.lines("run").isEmpty }
        XCTAssertGreaterThanOrEqual(try server.metric("tenantctl_lock_waits_total"), 1, server.log)
        XCTAssertTrue(server.lines("run").last?.contains("outcome=nothing_to_do") == true, server.log)
        for (change, count) in try succeededAttempts() { XCTAssertEqual(count, 1, "\(change) was done \(count) times") }
    }
}
