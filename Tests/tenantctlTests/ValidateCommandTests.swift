import Foundation
import GitTestSupport
import XCTest

final class ValidateCommandTests: CLITestCase {
    // MARK: - Valid and invalid repositories

    func testValidRepositoryExitsZeroWithOneSummaryLine() throws {
        let tree = try FleetRepository.commit(in: fixture)
        let head = try tree.head()
        let result = try tenantctl("validate", "--repo", tree.path)
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, ["\(tree.path) @ \(head.prefix(12)) (Initial fleet): valid: \(FleetRepository.summary)"])
        XCTAssertEqual(result.stderr, "")
    }

    func testRepositoryDefaultsToTheCurrentDirectory() throws {
        let tree = try FleetRepository.commit(in: fixture)
        let result = try tenantctl("validate", directory: tree.path)
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines, [". @ \(try tree.head().prefix(12)) (Initial fleet): valid: \(FleetRepository.summary)"])
    }

    /// Three files broken three ways; every problem is listed, each at its place, in file order.
    private func commitBrokenRepository() throws -> WorkTree {
        let tree = try FleetRepository.commit(in: fixture)
        try tree.write("tenants/beta.yaml", FleetRepository.beta.replacingOccurrences(of: "  offer: pme", with: "  ofer: pme"))
        try tree.write("offers/solocard.yaml", FleetRepository.solocard.replacingOccurrences(of: "{units: 1}", with: "{units: two}"))
        try tree.write("tenants/solo.yaml", FleetRepository.solo.replacingOccurrences(of: "host: solo.bibind.com", with: "host: solo_shop.bibind.com"))
        try tree.commit("Break three files")
        return tree
    }

    private static let brokenDiagnostics = [
        "offers/solocard.yaml:10:28: spec.environments.production.applications.wordpress.units: expected an integer, got a string ('two')",
        "tenants/beta.yaml:6:3: spec.ofer: unknown key 'ofer' in Tenant spec (did you mean 'offer'?); expected one of: offer, controller, bundle, environments, domains, policy, vault",
        "tenants/beta.yaml:6:3: spec.offer: missing required field 'offer' (the name of a file under offers/)",
        "tenants/solo.yaml:8:13: spec.domains[0].host: 'solo_shop.bibind.com' is not a valid hostname: it has a label 'solo_shop' that contains '_'; only lower case letters, digits and '-' are allowed",
    ]

    func testInvalidRepositoryExitsOneAndListsEveryProblemAsPathLineColumn() throws {
        let tree = try commitBrokenRepository()
        let result = try tenantctl("validate", "--repo", tree.path)
        XCTAssertExit(result, 1)
        XCTAssertEqual(result.stdoutLines, Self.brokenDiagnostics + [
            "\(tree.path) @ \(try tree.head().prefix(12)) (Break three files): invalid: 3 tenants, 2 offers, 3 bundles, 5 environments; 4 errors, 0 warnings",
        ])
        XCTAssertEqual(result.stderr, "")
    }

    func testJSONOutputCarriesEveryDiagnosticWithItsLocation() throws {
        let tree = try commitBrokenRepository()
        let result = try tenantctl("validate", "--repo", tree.path, "--output", "json")
        XCTAssertExit(result, 1)
        let report = try result.json()
        XCTAssertEqual(report["format_version"] as? Int, 1)
        XCTAssertEqual(report["valid"] as? Bool, false)
        XCTAssertEqual(report["errors"] as? Int, 4)
        XCTAssertEqual(report["warnings"] as? Int, 0)
        XCTAssertEqual(report["tenants"] as? Int, 3)
        XCTAssertEqual(report["source"] as? String, tree.path)
        let commit = try XCTUnwrap(report["commit"] as? [String: Any])
        XCTAssertEqual(commit["id"] as? String, try tree.head())
        XCTAssertEqual(commit["summary"] as? String, "Break three files")

        let diagnostics = try XCTUnwrap(report["diagnostics"] as? [[String: Any]])
        let rendered = diagnostics.map { entry in
            "\(entry["file"] as? String ?? "?"):\(entry["line"] as? Int ?? -1):\(entry["column"] as? Int ?? -1): \(entry["message"] as? String ?? "?")"
        }
        XCTAssertEqual(rendered, Self.brokenDiagnostics, "the JSON carries the same problems as the text, at the same places")
        XCTAssertEqual(diagnostics.map { $0["severity"] as? String }, Array(repeating: "error", count: 4))
        XCTAssertEqual(diagnostics.map { $0["field"] as? String }, [
            "spec.environments.production.applications.wordpress.units", "spec.ofer", "spec.offer", "spec.domains[0].host",
        ])
    }

    func testJSONOutputOfAValidRepository() throws {
        let tree = try FleetRepository.commit(in: fixture)
        let result = try tenantctl("validate", "--repo", tree.path, "--output", "json")
        XCTAssertExit(result, 0)
        let report = try result.json()
        XCTAssertEqual(report["format_version"] as? Int, 1)
        XCTAssertEqual(report["valid"] as? Bool, true)
        XCTAssertEqual(report["errors"] as? Int, 0)
        XCTAssertEqual(report["tenants"] as? Int, 4)
        XCTAssertEqual(report["offers"] as? Int, 2)
        XCTAssertEqual(report["bundles"] as? Int, 3)
        XCTAssertEqual(report["environments"] as? Int, 6)
        XCTAssertEqual((report["diagnostics"] as? [Any])?.count, 0)
    }

    // MARK: - --dir

    func testDirReadsAPlainDirectory() throws {
        let directory = fixture.path("plain")
        try FleetRepository.write(into: directory)
        let valid = try tenantctl("validate", "--dir", directory)
        XCTAssertExit(valid, 0)
        XCTAssertEqual(valid.stdoutLines, ["\(directory): valid: \(FleetRepository.summary)"])

        try Data(FleetRepository.beta.replacingOccurrences(of: "  offer: pme", with: "  ofer: pme").utf8)
            .write(to: URL(fileURLWithPath: directory + "/tenants/beta.yaml"))
        let invalid = try tenantctl("validate", "--dir", directory)
        XCTAssertExit(invalid, 1)
        XCTAssertEqual(Array(invalid.stdoutLines.prefix(2)), Array(Self.brokenDiagnostics[1...2]))
        XCTAssertEqual(invalid.stdoutLines.count, 3)
    }

    func testDirSeesUncommittedEditsThatRepoDoesNot() throws {
        let tree = try FleetRepository.commit(in: fixture)
        try tree.write("tenants/beta.yaml", FleetRepository.beta.replacingOccurrences(of: "  offer: pme", with: "  ofer: pme"))
        XCTAssertExit(try tenantctl("validate", "--repo", tree.path), 0)
        let work = try tenantctl("validate", "--dir", tree.path)
        XCTAssertExit(work, 1)
        XCTAssertTrue(work.stdout.contains("tenants/beta.yaml:6:3: spec.ofer: unknown key 'ofer'"), work.stdout)
    }

    func testDirThatDoesNotExistIsOneClearError() throws {
        let missing = fixture.path("nowhere")
        let result = try tenantctl("validate", "--dir", missing)
        XCTAssertExit(result, 1)
        XCTAssertOneErrorLine(result, "error: \(missing) is not a directory")
        XCTAssertEqual(result.stdout, "")
    }

    // MARK: - --ref

    /// main moves on to a broken commit; a tag and a commit id still read the older, valid one.
    func testRefOfATagOrAnOlderCommitSeesTheOlderContent() throws {
        let tree = try FleetRepository.commit(in: fixture)
        let first = try tree.head()
        try tree.tag("v1", annotated: true)
        try tree.write("tenants/delta.yaml", FleetRepository.delta)
        try tree.write("tenants/beta.yaml", FleetRepository.beta.replacingOccurrences(of: "  offer: pme", with: "  ofer: pme"))
        let second = try tree.commit("Add delta, break beta")

        let head = try tenantctl("validate", "--repo", tree.path)
        XCTAssertExit(head, 1)
        XCTAssertTrue(head.stdoutLines.last?.hasPrefix("\(tree.path) @ \(second.prefix(12)) (Add delta, break beta): invalid: 4 tenants") == true,
                      head.stdout)

        for ref in ["v1", "refs/tags/v1", first, String(first.prefix(8)), "main~1", "HEAD^"] {
            let result = try tenantctl("validate", "--repo", tree.path, "--ref", ref)
            XCTAssertExit(result, 0)
            XCTAssertEqual(result.stdoutLines, ["\(tree.path) @ \(first.prefix(12)) (Initial fleet): valid: \(FleetRepository.summary)"],
                           "--ref \(ref)")
        }
        let render = try tenantctl("render", "--repo", tree.path, "--ref", "v1", "delta")
        XCTAssertExit(render, 1)
        XCTAssertTrue(render.stderr.hasPrefix("error: no tenant named 'delta' in \(tree.path) @ \(first.prefix(12)) (Initial fleet)"), render.stderr)
    }

    func testUnknownRefIsOneClearError() throws {
        let tree = try FleetRepository.commit(in: fixture)
        let result = try tenantctl("validate", "--repo", tree.path, "--ref", "mian")
        XCTAssertExit(result, 1)
        XCTAssertOneErrorLine(result, "error: 'mian' is not a branch, tag or commit id of the repository.")
        XCTAssertEqual(result.stdout, "")
    }

    // MARK: - Not a desired-state repository

    func testRepositoryWithoutFleetFileIsInvalidWithAClearMessage() throws {
        let tree = try fixture.workTree("not-tenants")
        try tree.write("README.md", "# some other project\n")
        try tree.write("src/main.yaml", "key: value\n")
        try tree.commit("Unrelated")
        let result = try tenantctl("validate", "--repo", tree.path)
        XCTAssertExit(result, 1)
        XCTAssertEqual(result.stdoutLines, [
            "tenantctl.yaml:1:1: the repository has no tenantctl.yaml at its root; it is not a tenantctl desired-state repository",
            "\(tree.path) @ \(try tree.head().prefix(12)) (Unrelated): invalid: 0 tenants, 0 offers, 0 bundles, 0 environments; 1 error, 0 warnings",
        ])
    }

    func testPathThatIsNotARepositoryIsOneClearErrorLine() throws {
        let plain = fixture.path("plain")
        try FleetRepository.write(into: plain)
        for path in [plain, fixture.path("does-not-exist")] {
            let result = try tenantctl("validate", "--repo", path)
            XCTAssertExit(result, 1)
            XCTAssertOneErrorLine(result, "error: '\(path)' is not a git repository: give a bare repository or the top directory of a checkout (the one that contains .git).")
            XCTAssertEqual(result.stdout, "")
        }
    }

    /// A freshly created GitLab project: no commit yet. The user gave no ref, so the error must not
    /// blame one.
    func testEmptyRepositoryIsOneClearError() throws {
        let empty = try fixture.bareRepository("empty.git")
        let result = try tenantctl("validate", "--repo", empty)
        XCTAssertExit(result, 1)
        XCTAssertOneErrorLine(result, "error: \(empty) has no commit to read: its HEAD names no commit (an empty repository?); push a commit or give --ref")
        XCTAssertEqual(result.stdout, "")

        let url = "file://" + empty
        let remote = try tenantctl("validate", "--repo", url, "--cache-dir", fixture.path("file-cache"))
        XCTAssertExit(remote, 1)
        XCTAssertOneErrorLine(remote, "error: \(url) has no commit to read: its HEAD names no commit (an empty repository?); push a commit or give --ref")

        let named = try tenantctl("validate", "--repo", empty, "--ref", "main")
        XCTAssertExit(named, 1)
        XCTAssertOneErrorLine(named, "error: 'main' is not a branch, tag or commit id of the repository.")
    }

    func testBareRepositoryAndFileURLAreRead() throws {
        let tree = try FleetRepository.commit(in: fixture)
        let bare = try fixture.bareRepository("srv/tenants.git")
        try tree.mirror(to: bare)
        let head = try tree.head()
        let local = try tenantctl("validate", "--repo", bare)
        XCTAssertExit(local, 0)
        XCTAssertEqual(local.stdoutLines, ["\(bare) @ \(head.prefix(12)) (Initial fleet): valid: \(FleetRepository.summary)"])

        let url = "file://" + bare
        let viaURL = try tenantctl("validate", "--repo", url, "--cache-dir", fixture.path("file-cache"))
        XCTAssertExit(viaURL, 0)
        XCTAssertEqual(viaURL.stdoutLines, ["\(url) @ \(head.prefix(12)) (Initial fleet): valid: \(FleetRepository.summary)"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: fixture.path("file-cache")), "file:// remotes are mirrored under --cache-dir")
    }

    func testRepoAndDirTogetherIsAUsageError() throws {
        let result = try tenantctl("validate", "--repo", fixture.path("a"), "--dir", fixture.path("b"))
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("use either --repo or --dir, not both"), result.stderr)
    }
}
