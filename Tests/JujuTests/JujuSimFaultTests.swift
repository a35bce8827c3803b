import Foundation
import Juju
import XCTest

/// Fault injection: latency, transient failures, hangs, units in error or blocked.
final class JujuSimFaultTests: XCTestCase {
    func makeModel(_ sim: JujuSim) throws {
        try sim.ok("bootstrap", "localhost", "lxd")
        try sim.ok("add-model", "shop")
        try sim.ok("deploy", "-m", "lxd:shop", "bibind-magento", "magento", "-n", "2")
        try sim.ok("deploy", "-m", "lxd:shop", "mysql", "-n", "1")
    }

    /// The latency delays each call (a lower bound, which a loaded machine cannot break), and
    /// calls made together all succeed. How long they take together is for `make bench`.
    func testLatencyDelaysEveryCallAndParallelCallsAllSucceed() throws {
        let sim = try JujuSim()
        try makeModel(sim)
        let latency = ["JUJU_SIM_LATENCY_MS": "400"]
        let single = try sim.run(["status", "-m", "lxd:shop", "--format=json"], extra: latency)
        XCTAssertEqual(single.exitCode, 0)
        XCTAssertGreaterThanOrEqual(single.elapsed, 0.4)
        let calls = try (0..<6).map { _ in try sim.start(["status", "-m", "lxd:shop", "--format=json"], extra: latency) }
        let results = calls.map { $0.wait() }
        XCTAssertEqual(results.map(\.exitCode), [0, 0, 0, 0, 0, 0])
        XCTAssertTrue(results.allSatisfy { $0.elapsed >= 0.4 }, "every call waits its own latency: \(results.map(\.elapsed))")
    }

    func testTransientFailuresAreSeededAndLookLikeJujus() throws {
        func outcomes() throws -> [Int32] {
            let sim = try JujuSim()
            try makeModel(sim)
            return try (0..<24).map { _ in
                try sim.run(["status", "-m", "lxd:shop", "--format=json"],
                            extra: ["JUJU_SIM_FAIL_RATE": "0.5", "JUJU_SIM_SEED": "42"]).exitCode
            }
        }
        let first = try outcomes()
        XCTAssertEqual(first, try outcomes(), "the same seed draws the same failures")
        let failures = first.filter { $0 != 0 }.count
        XCTAssertGreaterThan(failures, 3)
        XCTAssertLessThan(failures, 21)

        let sim = try JujuSim()
        try makeModel(sim)
        let failed = try sim.run(["status", "-m", "lxd:shop"], extra: ["JUJU_SIM_FAIL_RATE": "1"])
        XCTAssertEqual(failed.exitCode, 1)
        XCTAssertTrue(failed.stderr.hasPrefix("ERROR unable to connect to API: "), failed.stderr)
        XCTAssertEqual(JujuCLIError(exitCode: failed.exitCode, stderr: failed.stderr), .transient)
        // The failure rate can be limited to some commands.
        XCTAssertEqual(try sim.run(["status", "-m", "lxd:shop"],
                                   extra: ["JUJU_SIM_FAIL_RATE": "1", "JUJU_SIM_FAIL_COMMANDS": "deploy"]).exitCode, 0)
    }

    func testFailureBeforeChangesNothingAndAfterLosesTheReply() throws {
        let sim = try JujuSim()
        try makeModel(sim)
        let before = try sim.run(["add-unit", "-m", "lxd:shop", "magento"], extra: ["JUJU_SIM_FAIL_RATE": "1"])
        XCTAssertEqual(before.exitCode, 1)
        XCTAssertEqual(try sim.status("lxd:shop").unitCount(of: "magento"), 2)
        let after = try sim.run(["add-unit", "-m", "lxd:shop", "magento"],
                                extra: ["JUJU_SIM_FAIL_RATE": "1", "JUJU_SIM_FAIL_MODE": "after"])
        XCTAssertEqual(after.exitCode, 1)
        XCTAssertEqual(JujuCLIError(exitCode: after.exitCode, stderr: after.stderr), .transient)
        XCTAssertEqual(try sim.status("lxd:shop").unitCount(of: "magento"), 3, "the change was made, the reply was lost")
    }

    func testHangUntilKilledOrBounded() throws {
        let sim = try JujuSim()
        try makeModel(sim)
        let hung = try sim.run(["status", "-m", "lxd:shop", "--format=json"], extra: ["JUJU_SIM_HANG": "status"], timeout: 1)
        XCTAssertTrue(hung.timedOut)
        XCTAssertEqual(try sim.run(["models", "--format=json"], extra: ["JUJU_SIM_HANG": "status"], timeout: 5).exitCode, 0,
                       "only the named commands hang")
        let slow = try sim.run(["status", "-m", "lxd:shop", "--format=json"],
                               extra: ["JUJU_SIM_HANG": "status", "JUJU_SIM_HANG_SECONDS": "0.5"], timeout: 10)
        XCTAssertFalse(slow.timedOut)
        XCTAssertEqual(slow.exitCode, 0)
        XCTAssertGreaterThanOrEqual(slow.elapsed, 0.5)
    }

    func testUnitFaultsFromTheEnvironment() throws {
        let sim = try JujuSim(extra: ["JUJU_SIM_UNIT_FAULT": "magento/1=blocked:database connection refused;mysql=error:hook failed: \"install\""])
        try makeModel(sim)
        let status = try sim.status("lxd:shop")
        let blocked = try XCTUnwrap(status.applications["magento"]?.units["magento/1"])
        XCTAssertEqual(blocked.workloadStatus?.current, "blocked")
        XCTAssertEqual(blocked.workloadStatus?.message, "database connection refused")
        XCTAssertEqual(blocked.jujuStatus?.current, "idle")
        XCTAssertEqual(blocked.health, .failed("blocked: database connection refused"))
        XCTAssertEqual(status.applications["magento"]?.units["magento/0"]?.health, .healthy)
        XCTAssertEqual(status.applications["magento"]?.applicationStatus?.current, "blocked", "the worst unit shows")
        XCTAssertEqual(status.applications["mysql"]?.units["mysql/0"]?.health, .failed("error: hook failed: \"install\""))
    }

    func testUnitFaultsRecordedWithSimFault() throws {
        let sim = try JujuSim(settle: 0.6)
        try makeModel(sim)
        try sim.ok("sim-fault", "-m", "lxd:shop", "magento/0", "blocked", "needs", "a", "database")
        try sim.ok("sim-fault", "-m", "lxd:shop", "mysql/0", "lost")
        // Faults show once a unit has settled; until then it is installing as usual.
        let status = try sim.waitForStatus("lxd:shop") {
            $0.applications["magento"]?.units["magento/0"]?.workloadStatus?.current == "blocked"
                && $0.applications["mysql"]?.units["mysql/0"]?.jujuStatus?.current == "lost"
        }
        XCTAssertEqual(status.applications["magento"]?.units["magento/0"]?.workloadStatus?.message, "needs a database")
        let lost = try XCTUnwrap(status.applications["mysql"]?.units["mysql/0"])
        XCTAssertEqual(lost.jujuStatus?.current, "lost")
        XCTAssertEqual(lost.workloadStatus?.message, "agent lost, see 'juju show-status-log mysql/0'")
        try sim.ok("sim-fault", "-m", "lxd:shop", "magento/0", "clear")
        XCTAssertEqual(try sim.status("lxd:shop").applications["magento"]?.units["magento/0"]?.health, .healthy)
        XCTAssertEqual(try sim.run(["sim-fault", "-m", "lxd:shop", "magento/9", "blocked"]).stderr, "ERROR unit \"magento/9\" not found\n")
    }
}
