import Foundation
import GitTestSupport
import XCTest

/// Through the real binary against a juju-sim that simulates the confined snap: where tenantctl
/// puts the files juju reads, and where new models go.
final class JujuFilesCLITests: ReconcileCase {
    var filesDirectory: String { fixture.root + "/snap/juju/common/tenantctl" }

    func testFilesForJujuLiveInAPrivateFolderTheSnapCanReadAndDoNotOutliveTheRun() throws {
        // A file a killed run left behind (its pid no longer runs), in a folder others could open.
        try FileManager.default.createDirectory(atPath: filesDirectory, withIntermediateDirectories: true)
        chmod(filesDirectory, 0o755)
        let leftover = filesDirectory + "/999999999-left-by-a-killed-run.yaml"
        try Data("admin-password: correct horse battery staple\n".utf8).write(to: URL(fileURLWithPath: leftover))

        let apply = try tenantctl("apply", "--auto-approve", "--settle", "0.2")
        XCTAssertEqual(apply.status, 0, "\(apply)")
        XCTAssertEqual(try census(), Self.converged)
        let attributes = try FileManager.default.attributesOfItem(atPath: filesDirectory)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o700)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: filesDirectory), [],
                       "the leftover is swept and every bundle and config file is removed after its call")
    }

    func testAFolderTheSnapCannotReadFailsTheDeployWithJujusWords() throws {
        let hidden = fixture.root + "/.cache/tenantctl-juju"
        let apply = try tenantctl("apply", "--auto-approve", "--settle", "0.2", "--juju-files-dir", hidden)
        XCTAssertEqual(apply.status, 1, "\(apply)")
        XCTAssertTrue(apply.stdout.contains("/bundle failed: `juju deploy -m") && apply.stdout.contains("no charm or bundle found at"),
                      apply.stdout)
        // Without the snap (juju installed otherwise), the same folder works.
        let unconfined = try tenantctl("apply", "--auto-approve", "--settle", "0.2", "--juju-files-dir", hidden,
                                       extra: ["JUJU_SIM_SNAP": "0"])
        XCTAssertEqual(unconfined.status, 0, "\(unconfined)")
        XCTAssertEqual(try census(), Self.converged)
    }

    func testNewModelsGoToTheFleetsCloudRegionAndCredentialAndTrustedAppsAreTrusted() throws {
        XCTAssertEqual(try tenantctl("apply", "--auto-approve", "--settle", "0.2").status, 0)
        let listing = try JSONSerialization.jsonObject(with: Data(try sim.run("models", "-c", "cloud", "--format=json").utf8)) as? [String: Any]
        let corp = try XCTUnwrap((listing?["models"] as? [[String: Any]])?.first { $0["short-name"] as? String == "corp-production" })
        XCTAssertEqual(corp["region"] as? String, "RegionOne")
        XCTAssertEqual((corp["credential"] as? [String: Any])?["name"] as? String, "tenants")
        XCTAssertNotEqual(listing?["current-model"] as? String, "corp-production", "add-model --no-switch")
        let config = try JSONSerialization.jsonObject(with: Data(try sim.run("config", "-m", "k8s:acme-production", "shop", "--format=json").utf8)) as? [String: Any]
        let trust = (config?["application-config"] as? [String: Any])?["trust"] as? [String: Any]
        XCTAssertEqual(trust?["value"] as? Bool, true)
    }
}
