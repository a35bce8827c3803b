import Foundation
import GitTestSupport
import XCTest

/// `sync: manual` environments are marked wherever a plan is shown, and an unattended apply says
/// which ones wait for a person instead of "No changes".
final class ManualSyncTests: ReconcileCase {
    func testManualEnvironmentsAreMarkedAndNeverHidden() throws {
        try repository.write("tenants/corp.yaml", ReconcileRepository.tenant("corp", offer: "grand-compte", extra: "  policy: {sync: manual}\n"))
        _ = try repository.commit("corp is applied by hand")

        let text = try tenantctl("plan")
        XCTAssertTrue(text.stdout.contains("corp/production  (juju:cloud/corp-production)  [sync: manual — applied only by a person: tenantctl apply --tenant corp]"), text.stdout)
        XCTAssertFalse(text.stdout.contains("acme/production  (juju:k8s/acme-production)  [sync: manual"), text.stdout)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try tenantctl("plan", "--output", "json").stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["manual_environments"] as? [String], ["corp/production"])
        XCTAssertTrue(try tenantctl("plan", "--output", "markdown").stdout.contains("<code>corp/production</code>: +3 ~0 -0 — <b>sync: manual</b>"))

        let first = try tenantctl("apply", "--auto-approve", "--settle", "0.2")
        XCTAssertEqual(first.status, 0, "\(first)")
        XCTAssertTrue(first.stderr.contains("[corp/production] sync: manual — 4 change(s) left for a person (tenantctl apply --tenant corp)"), first.stderr)
        let second = try tenantctl("apply", "--auto-approve", "--settle", "0.2")
        XCTAssertEqual(second.status, 0, "\(second)")
        XCTAssertTrue(second.stdout.contains("Nothing applied: 1 environment(s) with sync: manual have pending changes (corp/production)"), second.stdout)
        XCTAssertFalse(second.stdout.contains("No changes"), second.stdout)

        XCTAssertEqual(try tenantctl("apply", "--auto-approve", "--settle", "0.2", "--tenant", "corp").status, 0)
        XCTAssertEqual(try census(), Self.converged)
    }
}
