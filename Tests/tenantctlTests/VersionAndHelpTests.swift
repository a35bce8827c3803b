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

        // The libgit2 the binary runs with is the one Debian's libgit2-dev describes (`make deps`
        // installs pkg-config and libgit2-dev: without them the check fails rather than vanish).
        let pkgConfig = try ChildProcess.run("/usr/bin/env", ["pkg-config", "--modversion", "libgit2"])
        XCTAssertEqual(pkgConfig.status, 0, "pkg-config cannot tell the libgit2 version; run make deps: \(pkgConfig)")
        XCTAssertEqual(lines.last, "libgit2 " + pkgConfig.stdout.trimmingCharacters(in: .whitespacesAndNewlines))

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

    /// `tenantctl --help` lists thirteen subcommands; each one's help, in both forms, exits 0, shows
    /// its overview and usage, and (all but version) an example of its own invocation.
    func testEverySubcommandListedHasItsOwnHelp() throws {
        let overview = try tenantctl("--help")
        XCTAssertExit(overview, 0)
        // The section runs to its first blank line; a name starts each entry, indented by two.
        let section = try XCTUnwrap(overview.stdout.components(separatedBy: "SUBCOMMANDS:\n").last)
        let listed = section.components(separatedBy: "\n\n")[0].split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        XCTAssertEqual(listed, ["validate", "render", "changed", "plan", "apply", "drift", "observe", "history", "gitlab", "suspend", "resume", "serve", "version"],
                       "a new subcommand needs its help covered here:\n\(overview.stdout)")
        for name in listed {
            for form in [[name, "--help"], ["help", name]] {
                let result = try tenantctl(form[0], form[1])
                XCTAssertExit(result, 0)
                XCTAssertTrue(result.stdout.hasPrefix("OVERVIEW: "), "tenantctl \(form.joined(separator: " ")):\n\(result.stdout)")
                XCTAssertTrue(result.stdout.contains("USAGE: tenantctl \(name)"), "tenantctl \(form.joined(separator: " ")):\n\(result.stdout)")
                if name != "version" {
                    XCTAssertTrue(result.stdout.contains("\n  tenantctl \(name) "), "tenantctl \(form.joined(separator: " ")) shows no example:\n\(result.stdout)")
                }
            }
        }
    }

    /// The DNS health gate's limit is an engine option: apply and serve (which apply) show it.
    func testApplyAndServeHelpShowTheDNSGateTimeout() throws {
        for name in ["apply", "serve"] {
            let result = try tenantctl(name, "--help")
            XCTAssertExit(result, 0)
            XCTAssertTrue(result.stdout.contains("--dns-gate-timeout <seconds>"), "tenantctl \(name) --help:\n\(result.stdout)")
            // Help text wraps at the terminal's width: compare it with its blanks joined.
            let text = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(text.contains("for the zone's authoritative servers (the provider's nameservers setting"), "tenantctl \(name) --help:\n\(result.stdout)")
        }
    }

    func testUnknownSubcommandIsAUsageError() throws {
        let result = try tenantctl("vaildate")
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("vaildate"), result.stderr)
    }
}
