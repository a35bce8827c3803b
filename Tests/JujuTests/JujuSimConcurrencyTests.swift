import Foundation
import Juju
import XCTest

/// Parallel juju-sim processes, as tenantctl runs them, lose no update.
final class JujuSimConcurrencyTests: XCTestCase {
    func testParallelAddUnitsAllLand() throws {
        let sim = try JujuSim()
        try sim.ok("bootstrap", "localhost", "lxd")
        try sim.ok("add-model", "shop")
        try sim.ok("deploy", "-m", "lxd:shop", "ubuntu", "-n", "1")
        let calls = try (0..<8).map { _ in try sim.start(["add-unit", "-m", "lxd:shop", "ubuntu"]) }
        let results = calls.map { $0.wait() }
        XCTAssertEqual(results.map(\.exitCode), Array(repeating: 0, count: 8), results.map(\.stderr).joined())
        let status = try sim.status("lxd:shop")
        XCTAssertEqual(status.unitCount(of: "ubuntu"), 9)
        XCTAssertEqual(Set(status.applications["ubuntu"]!.units.keys), Set((0..<9).map { "ubuntu/\($0)" }))
        XCTAssertEqual(Set(status.applications["ubuntu"]!.units.values.compactMap(\.machine)).count, 9, "one machine each")
        XCTAssertEqual(status.machines.count, 9)
    }

    func testParallelChangesAcrossModelsAndKeys() throws {
        let sim = try JujuSim()
        try sim.ok("bootstrap", "microk8s", "k8s")
        for index in 0..<4 { try sim.ok("add-model", "m\(index)") }
        for index in 0..<4 { try sim.ok("deploy", "-m", "k8s:m\(index)", "redis-k8s", "redis") }
        var calls: [JujuSim.Running] = []
        for index in 0..<4 {
            calls.append(try sim.start(["scale-application", "-m", "k8s:m\(index)", "redis", "3"]))
            calls.append(try sim.start(["config", "-m", "k8s:m\(index)", "redis", "key\(index)=\(index)"]))
            calls.append(try sim.start(["config", "-m", "k8s:m0", "redis", "from\(index)=yes"]))
        }
        XCTAssertTrue(calls.map { $0.wait() }.allSatisfy { $0.exitCode == 0 })
        for index in 0..<4 {
            XCTAssertEqual(try sim.status("k8s:m\(index)").applications["redis"]?.scale, 3)
        }
        let config = try ApplicationConfig.decode(json: Data(try sim.ok("config", "-m", "k8s:m0", "redis", "--format=json").stdout.utf8))
        XCTAssertEqual(Set(config.userOptions.keys), ["key0", "from0", "from1", "from2", "from3"])
    }
}
