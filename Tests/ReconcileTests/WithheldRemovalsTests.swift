import Foundation
import GitTestSupport
import XCTest

/// A removal held back by policy is a difference: plan and drift exit 2 and list it, apply says
/// so instead of "No changes". Machines nobody uses are such differences.
final class WithheldRemovalsTests: ReconcileCase {
    func testAHandMadeMachineIsDriftAndItsWithheldRemovalIsNotNoChanges() throws {
        try repository.write("tenants/corp.yaml", ReconcileRepository.tenant("corp", offer: "grand-compte", extra: "  policy: {prune: false}\n"))
        _ = try repository.commit("corp keeps what it has")
        XCTAssertEqual(try tenantctl("apply", "--auto-approve", "--settle", "0.2").status, 0)
        try sim.run("add-machine", "-m", "cloud:corp-production")

        let plan = try tenantctl("plan")
        XCTAssertEqual(plan.status, 2, "\(plan)")
        XCTAssertTrue(plan.stdout.contains("! corp/production: juju.remove-machine 5 withheld: machine 5 hosts no unit and no machine group claims it; prune is off"), plan.stdout)
        XCTAssertTrue(plan.stdout.hasSuffix("Nothing to apply, but 1 removal(s) withheld (above): the world does not match the manifests.\n"), plan.stdout)

        let drift = try tenantctl("drift")
        XCTAssertEqual(drift.status, 2, "\(drift)")
        XCTAssertTrue(drift.stdout.contains("  ~ machine 5 present: desired no, observed yes\n      likely cause: in Juju but not in git; juju.remove-machine withheld: machine 5 hosts no unit"), drift.stdout)

        let apply = try tenantctl("apply", "--auto-approve")
        XCTAssertEqual(apply.status, 0, "\(apply)")
        XCTAssertFalse(apply.stdout.contains("No changes"), apply.stdout)
        XCTAssertTrue(apply.stdout.contains("corp/production: juju.remove-machine 5 withheld"), apply.stdout)
        XCTAssertEqual(try sim.census("cloud:corp-production").machines, 6, "withheld: the machine stays")
    }
}
