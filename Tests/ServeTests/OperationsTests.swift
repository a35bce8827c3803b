import Foundation
import GitTestSupport
import XCTest

/// What an operator relies on: readiness, metrics, the page, the settings, and no secret anywhere.
final class OperationsTests: ServeCase {
    func testReadyzIs503WhileTheStateDirectoryIsUnusable() throws {
        let blocked = fixture.path("not-a-directory")
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocked))
        let server = try serve(["--state-dir", blocked])
        try eventually("a refused look") { !server.lines("look refused").isEmpty }
        XCTAssertEqual(try server.get("/healthz").status, 200)
        let ready = try server.get("/readyz")
        XCTAssertEqual(ready.status, 503, ready.body)
        XCTAssertTrue(ready.body.contains("state store"), ready.body)
        XCTAssertGreaterThanOrEqual(try server.metric("tenantctl_runs_total", "outcome=\"refused\""), 1)
    }

    func testMetricsParseAndCountARunAndNoSecretLeaks() throws {
        let server = try serve(["--log-format", "json"])
        try eventually("the first run", timeout: 300) { try server.metric("tenantctl_runs_total", "outcome=\"succeeded\"") == 1 }
        XCTAssertEqual(try server.get("/readyz").status, 200)
        let metrics = try server.get("/metrics").body
        try PrometheusText.check(metrics)
        XCTAssertTrue(metrics.contains("tenantctl_last_success_timestamp_seconds{environment=\"acme/production\"}"), metrics)
        XCTAssertTrue(metrics.contains("tenantctl_changes_total{outcome=\"succeeded\"}"), metrics)
        XCTAssertTrue(metrics.contains("tenantctl_drift_items{tenant=\"corp\"}"), metrics)
        let page = try server.get("/").body
        XCTAssertTrue(page.contains("acme/production") && page.contains("applied "), page)
        // JSON lines, one per run and per change, each naming its run, tenant, environment, change.
        let lines = server.log.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
        XCTAssertFalse(lines.isEmpty, server.log)
        let changes = lines.filter { $0["message"] == "change" }
        XCTAssertFalse(changes.isEmpty, server.log)
        for change in changes {
            XCTAssertNotNil(change["run"]); XCTAssertNotNil(change["environment"]); XCTAssertNotNil(change["change"]); XCTAssertNotNil(change["tenant"])
        }
        XCTAssertEqual(lines.filter { $0["message"] == "run" }.count, 1)
        // The canary secret was applied to juju, and is nowhere else.
        for (what, text) in [("log", server.log), ("metrics", metrics), ("page", page)] {
            XCTAssertFalse(text.contains(ServeFleet.canary), "the secret is in the \(what)")
        }
    }

    func testTheConfigurationFileUnknownKeysAndFlagsWinning() throws {
        let config = fixture.path("serve.yaml")
        try "listen: 127.0.0.1:1\ninterval: 3600\nlog-format: json\n".write(toFile: config, atomically: true, encoding: .utf8)
        // --listen on the command line wins over the file's.
        let server = try serve(["--config", config])
        XCTAssertTrue(server.log.hasPrefix("{"), "log-format from the file: \(server.log)")
        XCTAssertEqual(try server.get("/healthz").status, 200)

        try "interval: 30\nintervall: 5\n".write(toFile: config, atomically: true, encoding: .utf8)
        let refused = try tenantctl("serve", "--repo", repository.path, "--config", config)
        XCTAssertEqual(refused.status, 2, "\(refused)")
        XCTAssertTrue(refused.stderr.contains("unknown setting 'intervall'"), refused.stderr)
        try "interval: 0\n".write(toFile: config, atomically: true, encoding: .utf8)
        let invalid = try tenantctl("serve", "--repo", repository.path, "--config", config)
        XCTAssertEqual(invalid.status, 2, "\(invalid)")
        XCTAssertTrue(invalid.stderr.contains("--interval must be at least 1 second"), invalid.stderr)
    }

    func testSIGHUPReadsTheFileAgainAndABrokenFileKeepsTheSettings() throws {
        let config = fixture.path("serve.yaml")
        try "log-format: text\n".write(toFile: config, atomically: true, encoding: .utf8)
        let server = try serve(["--config", config])
        try eventually("the first run") { !server.lines("run").isEmpty }
        try "log-format: json\n".write(toFile: config, atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        try eventually("JSON lines after the reload") { server.log.contains(#""message":"reloaded the settings""#) }
        try "log-format: yaml\n".write(toFile: config, atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        try eventually("the broken file refused") { server.log.contains(#""message":"reload refused; the settings in force are kept""#) }
        XCTAssertEqual(try server.get("/healthz").status, 200)
    }

    func testServeHelpNamesEverySetting() throws {
        let help = try tenantctl("serve", "--help").stdout
        for flag in ["--listen", "--interval", "--drift-interval", "--webhook-token-file", "--config", "--log-format", "--lock-timeout",
                     "--shutdown-timeout", "--repo", "--state-dir", "TENANTCTL_WEBHOOK_TOKEN", "POST /hooks/gitlab", "GET /readyz",
                     "--dashboard-token-file", "TENANTCTL_DASHBOARD_TOKEN", "/runs/<id>", "--external-url",
                     "--gitlab-token-file", "--gitlab-token <vault:path#key>"] {
            XCTAssertTrue(help.contains(flag), "\(flag) missing from serve --help")
        }
        XCTAssertTrue(help.contains("127.0.0.1:8427"), help)
    }
}
