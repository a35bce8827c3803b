import Foundation
import GitTestSupport
import XCTest

final class VersionAndHelpTests: CLITestCase {
    func testVersionPrintsTenantctlSchemaAndLibgit2() throws {
        let result = try tenantctl("version")
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stderr, "")
        let lines = result.stdoutLines
        XCTAssertEqual(lines.count, 3, result.stdout)
        XCTAssertNotNil(lines.first?.range(of: #"^tenantctl \d+\.\d+\.\d+"#, options: .regularExpression), result.stdout)
        XCTAssertEqual(lines.dropFirst().first, "schema tenantctl/v1")
        XCTAssertNotNil(lines.last?.range(of: #"^libgit2 \d+\.\d+\.\d+$"#, options: .regularExpression), result.stdout)

        // The libgit2 the binary runs with is the one Debian's libgit2-dev describes.
        let pkgConfig = try ChildProcess.run("/usr/bin/env", ["pkg-config", "--modversion", "libgit2"])
        if pkgConfig.status == 0 {
            XCTAssertEqual(lines.last, "libgit2 " + pkgConfig.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }

        let flag = try tenantctl("--version")
        XCTAssertExit(flag, 0)
        XCTAssertEqual(flag.stdoutLines, [String(lines[0].dropFirst("tenantctl ".count))])
    }

    /// Every subcommand's help exits 0 and shows its examples.
    func testHelpOfEachCommandShowsItsExamples() throws {
        let expectations: [(arguments: [String], contains: [String])] = [
            ([], ["OVERVIEW:", "validate", "render", "changed", "version", "Examples:",
                  "tenantctl changed --repo /srv/tenants --from HEAD~1 --to HEAD"]),
            (["validate"], ["Examples:", "tenantctl validate --repo . --ref main",
                            "tenantctl validate --dir ./tenants-repo --output json",
                            "--repo <path|url>", "--ref <ref>", "--git-token-file <file>", "--no-fetch", "--output"]),
            (["render"], ["Examples:", "tenantctl render --repo . boulangerie-durand",
                          "tenantctl render --repo . boulangerie-durand --env production --output json", "<tenant>", "--env"]),
            (["changed"], ["Examples:", "tenantctl changed --repo . --from HEAD~1 --to HEAD",
                           "tenantctl changed --repo . --from origin/main --to feature/tls --output json", "--from", "--to"]),
            (["version"], ["Print tenantctl's version"]),
        ]
        for (arguments, needles) in expectations {
            for form in [arguments + ["--help"], ["help"] + arguments] {
                let result = try Tenantctl.run(form, home: home)
                XCTAssertExit(result, 0)
                for needle in needles {
                    XCTAssertTrue(result.stdout.contains(needle), "tenantctl \(form.joined(separator: " ")) lacks '\(needle)':\n\(result.stdout)")
                }
            }
        }
    }

    func testUnknownSubcommandIsAUsageError() throws {
        let result = try tenantctl("vaildate")
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("vaildate"), result.stderr)
    }
}
