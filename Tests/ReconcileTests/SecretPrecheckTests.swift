import Foundation
import GitTestSupport
import XCTest

/// A secret the manifests need and the source lacks is found at plan time: its environments are
/// not planned at all (no model created whose deploy then fails), the others are applied.
final class SecretPrecheckTests: ReconcileCase {
    func testAMissingSecretHoldsBackItsEnvironmentsBeforeAnythingStarts() throws {
        let partial = fixture.path("partial-secrets.yaml")
        try Data("\"tenants/other#password\": \"unrelated\"\n".utf8).write(to: URL(fileURLWithPath: partial))
        chmod(partial, 0o600)
        let apply = try tenantctl("apply", "--auto-approve", "--settle", "0.2", extra: ["TENANTCTL_SECRETS_FILE": partial])
        XCTAssertEqual(apply.status, 1, "\(apply)")
        XCTAssertTrue(apply.stdout.contains("2 environments not planned (acme/production, bravo/production): application shop, option admin-password: vault:tenants/shop#password: there is no secret at tenants/shop in the secrets file \(partial)"), apply.stdout)
        let plan = try tenantctl("plan", extra: ["TENANTCTL_SECRETS_FILE": partial])
        XCTAssertEqual(plan.status, 1, "plan finds it too, before any apply: \(plan)")
        XCTAssertTrue(plan.stdout.contains("there is no secret at tenants/shop in the secrets file"), plan.stdout)
        let models = try sim.run("models", "-c", "k8s", "--format=json")
        XCTAssertFalse(models.contains("acme-production") || models.contains("bravo-production"), "no half-made environment: \(models)")
        let corp = try sim.census("cloud:corp-production")
        XCTAssertEqual(corp.units, ["db": 1, "shop": 2], "corp needs no secret and is applied")
        XCTAssertEqual(corp.machines, 5)
        XCTAssertFalse(apply.stdout.contains("unrelated") || apply.stderr.contains("unrelated"))
    }
}
