import Foundation
import GitTestSupport
import XCTest

/// The whole loop from an empty world through every kind of change tenantctl makes (create,
/// refresh with channel, revision and charm switch, scale up and down on k8s and IaaS, config,
/// expose, relations, removals under prune, a smaller machine group, a deleted tenant), against
/// the strict juju-sim with its snap simulation on. Every call tenantctl makes must be a form
/// listed in `JujuCommandContract`, and every listed form must have been used.
final class JujuCommandContractTests: ReconcileCase {
    var log: String { fixture.path("juju-calls.log") }

    func step(_ message: String, _ edits: [String: String?], file: StaticString = #filePath, line: UInt = #line) throws {
        for (path, content) in edits {
            if let content { try repository.write(path, content) } else { try repository.remove(path) }
        }
        _ = try repository.commit(message)
        let apply = try tenantctl("apply", "--auto-approve", "--settle", "0.2", "--max-model-removals", "1", extra: ["JUJU_SIM_CALL_LOG": log])
        XCTAssertEqual(apply.status, 0, "\(message): \(apply)", file: file, line: line)
        let plan = try tenantctl("plan", extra: ["JUJU_SIM_CALL_LOG": log])
        XCTAssertEqual(plan.stdout, "No changes. The world matches the manifests.\n", "\(message): not converged", file: file, line: line)
    }

    func testEveryJujuCallIsAFormOfTheContractAndTheLoopConverges() throws {
        typealias R = ReconcileRepository
        try step("Nothing changed yet", [:])
        XCTAssertEqual(try census(), Self.converged)

        let machineBundle = R.machineBundle.replacingOccurrences(of: "relations:", with: "  cache: {charm: redis, channel: 7/stable, num_units: 1}\nrelations:")
        try step("Grow, configure, expose, pin and switch", [
            "tenants/acme.yaml": R.tenant("acme", offer: "pme", extra: "  environments:\n    production:\n      applications:\n        shop: {units: 3}\n"),
            "tenants/bravo.yaml": R.tenant("bravo", offer: "pme", extra: "  environments:\n    production:\n      applications:\n        db: {channel: 8.0/edge, revision: 12}\n"),
            "tenants/corp.yaml": R.tenant("corp", offer: "grand-compte", extra: "  environments:\n    production:\n      applications:\n        shop: {units: 3, expose: true, config: {locale: fr_FR}}\n"),
            "bundles/shop.yaml": R.shopBundle.replacingOccurrences(of: "charm: mysql-k8s, channel: 8.0/stable", with: "charm: percona-k8s, channel: 8.0/stable"),
            "bundles/shop-machines.yaml": machineBundle,
        ])
        let bravo = try sim.status("k8s:bravo-production")["applications"] as? [String: [String: Any]]
        XCTAssertEqual(bravo?["db"]?["charm-name"] as? String, "percona-k8s")
        XCTAssertEqual(bravo?["db"]?["charm-rev"] as? Int, 12)
        XCTAssertEqual(try sim.census("cloud:corp-production").units, ["cache": 1, "db": 1, "shop": 3])

        try step("Shrink, unexpose, drop a relation and an application, one machine fewer", [
            "tenants/acme.yaml": R.tenant("acme", offer: "pme", extra: "  environments:\n    production:\n      applications:\n        shop: {units: 1}\n"),
            "tenants/corp.yaml": R.tenant("corp", offer: "grand-compte", extra: "  environments:\n    production:\n      applications:\n        shop: {units: 1, expose: false}\n      machines:\n        - {count: 1, constraints: cores=4 mem=8G}\n"),
            "bundles/shop-machines.yaml": R.machineBundle.replacingOccurrences(of: "relations:\n  - [shop:database, db:database]\n", with: ""),
        ])
        XCTAssertEqual(try sim.census("cloud:corp-production").units, ["db": 1, "shop": 1])
        XCTAssertEqual(try sim.census("k8s:acme-production").units, ["db": 1, "shop": 1])

        try step("Relate again; bravo leaves", [
            "bundles/shop-machines.yaml": R.machineBundle,
            "tenants/bravo.yaml": nil,
        ])
        XCTAssertThrowsError(try sim.status("k8s:bravo-production"), "bravo's model is destroyed")

        let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertGreaterThan(calls.count, 50)
        let unlisted = Set(calls.filter { JujuCommandContract.entry(for: $0) == nil }).sorted()
        XCTAssertEqual(unlisted, [], "juju command forms tenantctl issued that JujuCommandContract does not list (look up Juju 3.6's syntax, then add them)")
        let used = Set(calls.compactMap(JujuCommandContract.entry(for:)))
        let unused = JujuCommandContract.forms.map(\.form).filter { !used.contains($0) && JujuCommandContract.exercisedElsewhere[$0] == nil }
        XCTAssertEqual(unused, [], "contract forms this loop never exercised")
    }
}
