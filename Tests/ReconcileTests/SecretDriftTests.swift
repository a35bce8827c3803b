import Foundation
import GitTestSupport
import XCTest

/// A secret option changed or reset in Juju behind git's back is drift, seen by comparing keyed
/// digests (never values), and apply puts the value from the secret source back.
final class SecretDriftTests: ReconcileCase {
    func testASecretChangedOrResetOutOfBandIsSeenAndHealed() throws {
        XCTAssertEqual(try tenantctl("apply", "--auto-approve", "--settle", "0.2").status, 0)
        XCTAssertEqual(try tenantctl("drift").status, 0)

        try sim.run("config", "-m", "k8s:acme-production", "shop", "admin-password=set-by-hand-at-3am")
        let drift = try tenantctl("drift")
        XCTAssertEqual(drift.status, 2, "\(drift)")
        XCTAssertTrue(drift.stdout.contains("acme/production  (model k8s:acme-production)\n  ~ application shop config.admin-password: desired vault:tenants/shop#password, observed (changed in Juju)"), drift.stdout)
        XCTAssertFalse(drift.stdout.contains("bravo/production"), "only the model changed by hand: \(drift.stdout)")
        for text in [drift.stdout, drift.stderr] {
            XCTAssertFalse(text.contains("set-by-hand-at-3am") || text.contains("correct horse"), text)
        }

        let heal = try tenantctl("apply", "--auto-approve", "--settle", "0.2")
        XCTAssertEqual(heal.status, 0, "\(heal)")
        XCTAssertEqual(try sim.run("config", "-m", "k8s:acme-production", "shop", "admin-password"), "correct horse battery staple\n")
        XCTAssertEqual(try tenantctl("drift").status, 0)

        try sim.run("config", "-m", "k8s:bravo-production", "shop", "--reset", "admin-password")
        let reset = try tenantctl("drift")
        XCTAssertTrue(reset.stdout.contains("~ application shop config.admin-password: desired vault:tenants/shop#password, observed (reset in Juju)"), reset.stdout)
    }
}
