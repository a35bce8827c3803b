import Foundation
import GitTestSupport
import XCTest

/// examples/systemd: the units pass `systemd-analyze verify` (when the machine has it; with the
/// binary path pointed at the built tenantctl, since verify wants ExecStart to exist), with no
/// warning either; and every tenantctl flag the units and serve.yaml use is one `--help` lists,
/// so the examples cannot drift from the CLI.
final class SystemdUnitTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/systemd")
    static let units = ["tenantctl-serve.service", "tenantctl-apply.service", "tenantctl-apply.timer"]

    func text(_ name: String) throws -> String {
        try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// `Key=value` lines of a unit file, by section.
    func entries(_ name: String) throws -> [(section: String, key: String, value: String)] {
        var section = ""
        var found: [(String, String, String)] = []
        for raw in try text(name).split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") { section = String(line.dropFirst().dropLast()); continue }
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            XCTAssertEqual(parts.count, 2, "\(name): not Key=value: \(line)")
            found.append((section, String(parts[0]), parts.count == 2 ? String(parts[1]) : ""))
        }
        return found
    }

    func testTheUnitsPassSystemdAnalyzeVerify() throws {
        let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let analyze else { throw XCTSkip("systemd-analyze is not installed: the flag checks below still run") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tenantctl-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let binary = try ProductBinary.locate("tenantctl")
        for unit in Self.units {
            try text(unit).replacingOccurrences(of: "/usr/local/bin/tenantctl", with: binary)
                .write(to: scratch.appendingPathComponent(unit), atomically: true, encoding: .utf8)
        }
        let result = try ChildProcess.run(analyze, ["verify"] + Self.units.map { scratch.appendingPathComponent($0).path }, timeout: 60)
        XCTAssertEqual(result.status, 0, "\(result)")
        // verify only warns (exit 0) on an unknown key or a bad value: a warning is a failure here.
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains(scratch.path) || $0.contains("Unknown") || $0.contains("Failed") }
        XCTAssertTrue(warnings.isEmpty, "\(result)")
    }

    func testTheServeUnitIsHardenedAndStopsAfterServe() throws {
        let serve = try entries("tenantctl-serve.service")
        func value(_ key: String) -> String? { serve.last { $0.key == key }?.value }
        XCTAssertEqual(value("ExecStart"), "/usr/local/bin/tenantctl serve --config /etc/tenantctl/serve.yaml")
        XCTAssertEqual(value("ExecReload"), "/bin/kill -HUP $MAINPID")
        XCTAssertEqual(value("User"), "tenantctl")
        XCTAssertEqual(value("Restart"), "on-failure")
        for (key, expected) in [("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"), ("PrivateTmp", "yes"), ("ProtectHome", "yes"),
                                ("CapabilityBoundingSet", ""), ("SystemCallFilter", "~@privileged @resources")] {
            XCTAssertEqual(value(key), expected, key)
        }
        XCTAssertTrue(serve.contains { $0.key == "SystemCallFilter" && $0.value == "@system-service" })
        XCTAssertTrue(value("ReadWritePaths")?.contains("/var/lib/tenantctl") ?? false)
        XCTAssertNotNil(value("RestrictAddressFamilies"))
        XCTAssertNotNil(value("RestartSec"))
        // systemd must wait longer than serve's own drain before it kills.
        let shutdown = try XCTUnwrap(try text("serve.yaml").split(separator: "\n").first { $0.hasPrefix("shutdown-timeout:") })
        let drain = try XCTUnwrap(Int(shutdown.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)))
        let stop = try XCTUnwrap(Int(value("TimeoutStopSec") ?? ""))
        XCTAssertGreaterThan(stop, drain)
    }

    func testEveryFlagTheExamplesUseExists() throws {
        let binary = try ProductBinary.locate("tenantctl")
        func help(_ command: String) throws -> String { try ChildProcess.run(binary, [command, "--help"], timeout: 60).stdout }
        let serveHelp = try help("serve"), applyHelp = try help("apply")
        // `--flag <value>`, `--flag, --alias <value>`, or a flag alone at the end of its line.
        func lists(_ help: String, _ flag: String) -> Bool { [" ", ",", "\n"].contains { help.contains(flag + $0) } }
        for (unit, help) in [("tenantctl-serve.service", serveHelp), ("tenantctl-apply.service", applyHelp)] {
            let exec = try XCTUnwrap(try entries(unit).first { $0.key == "ExecStart" }?.value)
            let flags = exec.split(separator: " ").filter { $0.hasPrefix("--") }
            XCTAssertFalse(flags.isEmpty, unit)
            for flag in flags { XCTAssertTrue(lists(help, String(flag)), "\(unit): \(flag) is not in --help") }
        }
        // serve.yaml's keys are serve's flags without the dashes.
        for line in try text("serve.yaml").split(separator: "\n") where !line.hasPrefix("#") && line.contains(":") {
            let key = String(line.prefix { $0 != ":" })
            XCTAssertTrue(lists(serveHelp, "--\(key)"), "serve.yaml: \(key) is not a flag of serve")
        }
    }
}
