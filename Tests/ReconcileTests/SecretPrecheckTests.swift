import Foundation
import GitTestSupport
import XCTest

/// A secret the plan needs and the source lacks holds its environment back before anything of it
/// runs (no model created whose deploy then fails); the other environments are applied.
final class SecretPrecheckTests: ReconcileCase {
    func testAMissingSecretHoldsBackItsEnvironmentsBeforeAnythingStarts() throws {
        let partial = fixture.path("partial-secrets.yaml")
        try Data("\"tenants/other#password\": \"unrelated\"\n".utf8).write(to: URL(fileURLWithPath: partial))
        chmod(partial, 0o600)
        let apply = try tenantctl("apply", "--auto-approve", "--settle", "0.2", extra: ["TENANTCTL_SECRETS_FILE": partial])
        XCTAssertEqual(apply.status, 1, "\(apply)")
        XCTAssertTrue(apply.stdout.contains("acme/production: not applied: secret vault:tenants/shop#password is not in the secrets file \(partial) (needed by juju.deploy juju:k8s/acme-production/bundle); nothing of it was started"), apply.stdout)
        let models = try sim.run("models", "-c", "k8s", "--format=json")
        XCTAssertFalse(models.contains("acme-production") || models.contains("bravo-production"), "no half-made environment: \(models)")
        let corp = try sim.census("cloud:corp-production")
        XCTAssertEqual(corp.units, ["db": 1, "shop": 2], "corp needs no secret and is applied")
        XCTAssertEqual(corp.machines, 5)
        XCTAssertFalse(apply.stdout.contains("unrelated") || apply.stderr.contains("unrelated"))
    }
}
