import Foundation
import GitTestSupport
import XCTest

/// `validate` stays bounded whatever a pushed file holds: the size limit is the operator's to set.
final class ValidateLimitsTests: CLITestCase {
    private func directoryWithAPaddedTenant(bytes: Int) throws -> String {
        let directory = fixture.path("work")
        try FleetRepository.write(into: directory, FleetRepository.files.merging(
            ["tenants/acme.yaml": FleetRepository.acme + String(repeating: "#", count: bytes)]) { $1 })
        return directory
    }

    func testAFileOverTheLimitIsAnErrorNamingTheFileAndTheLimit() throws {
        let directory = try directoryWithAPaddedTenant(bytes: 2_000)
        let size = FleetRepository.acme.utf8.count + 2_000
        let result = try tenantctl("validate", "--dir", directory, "--max-file-size", "1K")
        XCTAssertExit(result, 1)
        XCTAssertEqual(result.stdoutLines.first,
                       "tenants/acme.yaml:1:1: file is \(size) bytes, over the limit of 1 KiB for one manifest; it is not read (split it, or raise the limit with --max-file-size or TENANTCTL_MAX_FILE_SIZE)")
    }

    func testTheLimitComesFromTheEnvironmentWhenNoOptionIsGiven() throws {
        let directory = try directoryWithAPaddedTenant(bytes: 2_000)
        XCTAssertExit(try tenantctl("validate", "--dir", directory, environment: ["TENANTCTL_MAX_FILE_SIZE": "1K"]), 1)
        XCTAssertExit(try tenantctl("validate", "--dir", directory, environment: ["TENANTCTL_MAX_FILE_SIZE": "1M"]), 0)
        // The option wins over the variable.
        XCTAssertExit(try tenantctl("validate", "--dir", directory, "--max-file-size", "4K",
                                    environment: ["TENANTCTL_MAX_FILE_SIZE": "1K"]), 0)
    }

    /// The 1.3 KB file that once hung validate for minutes: nine levels of nine aliases, the last
    /// used as a mapping key. The runner's timeout bounds the test whatever happens.
    func testAnAliasBombIsRefusedInsteadOfHangingTheRun() throws {
        let directory = try directoryWithAPaddedTenant(bytes: 0)
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
        }
        lines += ["? *i", ": boom", ""]
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: directory + "/tenants/bomb.yaml"))
        let result = try tenantctl("validate", "--dir", directory)
        XCTAssertExit(result, 1)
        XCTAssertEqual(result.stdoutLines.first,
                       "tenants/bomb.yaml:7:8: this YAML expands to more than 1048576 nodes once its aliases (*name) are replaced by what they point at; it is refused unread (an alias bomb?)")
    }

    func testAMalformedLimitIsRefusedNotIgnored() throws {
        let directory = try directoryWithAPaddedTenant(bytes: 0)
        let option = try tenantctl("validate", "--dir", directory, "--max-file-size", "big")
        XCTAssertExit(option, 64)
        XCTAssertTrue(option.stderr.contains("--max-file-size 'big' is not a size"), option.stderr)
        let variable = try tenantctl("validate", "--dir", directory, environment: ["TENANTCTL_MAX_FILE_SIZE": "big"])
        XCTAssertExit(variable, 1)
        XCTAssertOneErrorLine(variable, "error: TENANTCTL_MAX_FILE_SIZE 'big' is not a size; write bytes or a number with K, M or G (like 2M)")
    }
}
