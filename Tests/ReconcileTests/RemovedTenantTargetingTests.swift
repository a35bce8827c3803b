import Foundation
import GitTestSupport
import XCTest

/// `--tenant` may name a tenant removed from git while its models remain: what is planned for it
/// is its removal. A name that is neither in git nor in the journal is still an error.
final class RemovedTenantTargetingTests: ReconcileCase {
    func testATenantRemovedFromGitCanBeTargetedForItsRemoval() throws {
        XCTAssertEqual(try tenantctl("apply", "--auto-approve", "--settle", "0.2").status, 0)
        try repository.remove("tenants/bravo.yaml")
        _ = try repository.commit("bravo leaves")

        let plan = try tenantctl("plan", "--tenant", "bravo", "--max-model-removals", "1")
        XCTAssertEqual(plan.status, 2, "\(plan)")
        XCTAssertTrue(plan.stdout.contains("- juju.destroy-model model"), plan.stdout)
        XCTAssertFalse(plan.stdout.contains("acme/production"), "other tenants are left out: \(plan.stdout)")

        let typo = try tenantctl("plan", "--tenant", "bravoo")
        XCTAssertEqual(typo.status, 1)
        XCTAssertTrue(typo.stderr.contains("no tenant named 'bravoo'"), typo.stderr)

        let apply = try tenantctl("apply", "--auto-approve", "--tenant", "bravo", "--max-model-removals", "1")
        XCTAssertEqual(apply.status, 0, "\(apply)")
        XCTAssertThrowsError(try sim.status("k8s:bravo-production"))
        XCTAssertEqual(try sim.census("k8s:acme-production").units, ["db": 1, "shop": 2], "acme untouched")
        XCTAssertEqual(try tenantctl("plan", "--tenant", "bravo").status, 1, "gone from git and from the journal: unknown")
    }
}
