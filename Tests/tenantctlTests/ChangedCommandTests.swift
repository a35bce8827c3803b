import Foundation
import GitTestSupport
import XCTest

/// `changed` against real commits made with the git CLI; one test per kind of change.
final class ChangedCommandTests: CLITestCase {
    private var tree: WorkTree!
    private var base: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        tree = try FleetRepository.commit(in: fixture)
        base = try tree.head()
    }

    /// `changed --from <the initial commit> --to HEAD` in text form.
    private func changed(_ extra: String...) throws -> ProcessResult {
        try Tenantctl.run(["changed", "--repo", tree.path, "--from", base, "--to", "HEAD"] + extra, home: home)
    }

    private func append(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: tree.path + "/" + path)
        let old = try String(contentsOf: url, encoding: .utf8)
        try tree.write(path, old + text)
    }

    func testModifiedTenantFileMarksThatTenantOnly() throws {
        try tree.write("tenants/acme.yaml", FleetRepository.acme.replacingOccurrences(of: "revision: 57", with: "revision: 58"))
        try tree.commit("Upgrade acme")
        let result = try changed()
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, ["acme  modified  tenant file tenants/acme.yaml"])
        XCTAssertEqual(result.stderr, "")
    }

    func testAddedTenant() throws {
        try tree.write("tenants/delta.yaml", FleetRepository.delta)
        try tree.commit("Add delta")
        let result = try changed()
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, ["delta  added     tenant file tenants/delta.yaml"])
    }

    func testDeletedTenantIsRemoved() throws {
        try tree.remove("tenants/beta.yaml")
        try tree.commit("Remove beta")
        let result = try changed()
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, ["beta  removed   tenant file tenants/beta.yaml"])
    }

    /// A renamed file is a new tenant: the old name is removed and the new one added, both saying why.
    func testRenamedTenantFileRemovesTheOldNameAndAddsTheNewOne() throws {
        try tree.move("tenants/beta.yaml", "tenants/bravo.yaml")
        try tree.write("tenants/bravo.yaml", FleetRepository.beta.replacingOccurrences(of: "name: beta", with: "name: bravo"))
        try tree.commit("Rename beta to bravo")
        let result = try changed()
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, [
            "beta   removed   tenant file renamed tenants/beta.yaml -> tenants/bravo.yaml",
            "bravo  added     tenant file renamed tenants/beta.yaml -> tenants/bravo.yaml",
        ])
    }

    /// tenants/acme.yaml → tenants/acme/tenant.yaml is still tenant acme: modified, not removed.
    func testTenantMovedIntoItsOwnFolderIsModified() throws {
        try tree.move("tenants/acme.yaml", "tenants/acme/tenant.yaml")
        try tree.commit("Give acme a folder")
        let result = try changed()
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, ["acme  modified  tenant file renamed tenants/acme.yaml -> tenants/acme/tenant.yaml"])
        XCTAssertExit(try tenantctl("validate", "--repo", tree.path), 0)
    }

    /// Files beside a tenant's manifest (tenants/<name>/…) belong to that tenant: adding or
    /// deleting one modifies the tenant; only the manifest itself adds or removes it.
    func testFilesBesideATenantsManifestModifyTheTenant() throws {
        try tree.move("tenants/acme.yaml", "tenants/acme/tenant.yaml")
        try tree.write("tenants/acme/notes.md", "notes about acme\n")
        base = try tree.commit("Give acme a folder")

        try tree.write("tenants/acme/runbook.md", "how to restart acme\n")
        try tree.commit("Add a runbook")
        let added = try changed()
        XCTAssertExit(added, 0)
        XCTAssertEqual(added.stdoutLines, ["acme  modified  tenant file tenants/acme/runbook.md"])

        base = try tree.head()
        try tree.remove("tenants/acme/notes.md")
        try tree.commit("Drop the notes")
        let removed = try changed()
        XCTAssertExit(removed, 0)
        XCTAssertEqual(removed.stdoutLines, ["acme  modified  tenant file tenants/acme/notes.md"],
                       "acme still has its manifest: it is not removed")
    }

    func testChangedOfferMarksAllItsTenantsAndNoOther() throws {
        try tree.write("offers/pme.yaml", FleetRepository.pme.replacingOccurrences(of: "magento: {units: 1}", with: "magento: {units: 2}"))
        try tree.commit("Bigger pme staging")
        let result = try changed()
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, [
            "acme   modified  offer pme",
            "beta   modified  offer pme",
            "gamma  modified  offer pme",
        ], "solo is on solocard")
    }

    /// shop-k8s-cache is used only through gamma's override; solo-k8s only through offer solocard.
    func testChangedBundleMarksTheTenantsWhoseOfferOrOverrideUsesIt() throws {
        try append("bundles/shop-k8s-cache.yaml", "# cache sizing reviewed\n")
        try append("bundles/solo-k8s.yaml", "# reviewed\n")
        try tree.commit("Touch two bundles")
        let result = try changed()
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, [
            "gamma  modified  bundle shop-k8s-cache",
            "solo   modified  bundle solo-k8s",
        ])
    }

    func testChangedOfferBundleMarksTheOffersTenants() throws {
        try append("bundles/shop-k8s.yaml", "# reviewed\n")
        try tree.commit("Touch shop-k8s")
        let result = try changed()
        XCTAssertExit(result, 0)
        let tenants = result.stdoutLines.map { String($0.prefix { $0 != " " }) }
        XCTAssertTrue(tenants.contains("acme") && tenants.contains("beta"), result.stdout)
        XCTAssertFalse(tenants.contains("solo"), result.stdout)
        XCTAssertTrue(result.stdoutLines.allSatisfy { $0.hasSuffix("  modified  bundle shop-k8s") }, result.stdout)
    }

    func testChangedFleetMarksEveryTenant() throws {
        try append("tenantctl.yaml", "# reviewed\n")
        try tree.commit("Touch the fleet")
        let result = try changed()
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, [
            "acme   modified  fleet tenantctl.yaml",
            "beta   modified  fleet tenantctl.yaml",
            "gamma  modified  fleet tenantctl.yaml",
            "solo   modified  fleet tenantctl.yaml",
        ])
    }

    func testCommitTouchingOnlyTheReadmeChangesNoTenant() throws {
        try append("README.md", "More words.\n")
        try tree.commit("Docs")
        let result = try changed()
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "")

        let json = try changed("--output", "json")
        XCTAssertExit(json, 0)
        XCTAssertEqual((try json.json()["tenants"] as? [Any])?.count, 0)
    }

    func testOneTenantChangedForSeveralReasonsIsOneLine() throws {
        try tree.write("tenants/acme.yaml", FleetRepository.acme.replacingOccurrences(of: "revision: 57", with: "revision: 58"))
        try append("offers/pme.yaml", "# reviewed\n")
        try tree.commit("Two reasons")
        let result = try changed()
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, [
            "acme   modified  tenant file tenants/acme.yaml; offer pme",
            "beta   modified  offer pme",
            "gamma  modified  offer pme",
        ])
    }

    func testJSONOutputNamesEachTenantChangeAndReason() throws {
        try tree.move("tenants/beta.yaml", "tenants/bravo.yaml")
        try tree.write("tenants/bravo.yaml", FleetRepository.beta.replacingOccurrences(of: "name: beta", with: "name: bravo"))
        try tree.write("tenants/acme.yaml", FleetRepository.acme.replacingOccurrences(of: "revision: 57", with: "revision: 58"))
        try tree.remove("tenants/solo.yaml")
        try append("bundles/shop-k8s-cache.yaml", "# reviewed\n")
        let head = try tree.commit("Several changes")

        let result = try Tenantctl.run(["changed", "--repo", tree.path, "--from", base, "--to", head, "--output", "json"], home: home)
        XCTAssertExit(result, 0)
        let report = try result.json()
        XCTAssertEqual(report["format_version"] as? Int, 1)
        XCTAssertEqual(report["from"] as? String, base)
        XCTAssertEqual(report["to"] as? String, head)
        let tenants = try XCTUnwrap(report["tenants"] as? [[String: Any]])
        XCTAssertEqual(tenants.map { $0["tenant"] as? String }, ["acme", "beta", "bravo", "gamma", "solo"])
        XCTAssertEqual(tenants.map { $0["change"] as? String }, ["modified", "removed", "added", "modified", "removed"])
        let reasons = tenants.map { ($0["reasons"] as? [[String: String]]) ?? [] }
        let rename = ["kind": "renamed", "from": "tenants/beta.yaml", "to": "tenants/bravo.yaml"]
        XCTAssertEqual(reasons[0], [["kind": "tenant-file", "path": "tenants/acme.yaml"]])
        XCTAssertEqual(reasons[1], [rename])
        XCTAssertEqual(reasons[2], [rename])
        XCTAssertEqual(reasons[3], [["kind": "bundle", "name": "shop-k8s-cache"]])
        XCTAssertEqual(reasons[4], [["kind": "tenant-file", "path": "tenants/solo.yaml"]])
    }

    func testBranchNamesAndTagsAreAcceptedAsRevisions() throws {
        try tree.tag("v1")
        try tree.branch("feature")
        try tree.write("tenants/delta.yaml", FleetRepository.delta)
        try tree.commit("Add delta on a branch")
        try tree.checkout("main")
        let result = try tenantctl("changed", "--repo", tree.path, "--from", "v1", "--to", "feature")
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, ["delta  added     tenant file tenants/delta.yaml"])
        let backwards = try tenantctl("changed", "--repo", tree.path, "--from", "feature", "--to", "main")
        XCTAssertEqual(backwards.stdoutLines, ["delta  removed   tenant file tenants/delta.yaml"])
    }

    func testUnknownRevisionIsOneClearError() throws {
        let result = try tenantctl("changed", "--repo", tree.path, "--from", "v9", "--to", "HEAD")
        XCTAssertExit(result, 1)
        XCTAssertOneErrorLine(result, "error: 'v9' is not a branch, tag or commit id of the repository.")
        XCTAssertEqual(result.stdout, "")
    }
}
