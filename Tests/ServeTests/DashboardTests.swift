import Foundation
import GitTestSupport
import XCTest

/// The dashboard served by a real daemon: the fleet page, a run's page, the token off loopback,
/// and the reconciled commit kept across restarts.
final class DashboardTests: ServeCase {
    /// The id of the last `run` log line (`run=12`).
    private func lastRunID(_ server: ServeProcess) throws -> Int {
        let line = try XCTUnwrap(server.lines("run").last, server.log)
        let field = try XCTUnwrap(line.split(separator: " ").first { $0.hasPrefix("run=") }, line)
        return try XCTUnwrap(Int(field.dropFirst("run=".count)), line)
    }

    func testTheFleetPageAndARunPageShowThePlanAndItsOutcomes() throws {
        let server = try serve()
        try eventually("the first run", timeout: 300) { !server.lines("run").isEmpty }
        let id = try lastRunID(server)
        let fleet = try server.get("/")
        XCTAssertEqual(fleet.status, 200)
        for expected in ["acme/production", "corp/production", "pme", "grand-compte", "<code>acme-production</code>", "k8s", "cloud",
                         "<a href=\"runs/\(id)\">#\(id)</a>", "applied ", "Run #\(id)", "name=\"viewport\""] {
            XCTAssertTrue(fleet.body.contains(expected), "\(expected) missing from\n\(fleet.body)")
        }
        XCTAssertTrue(fleet.body.contains("healthy"), "the health gate the run passed: \(fleet.body)")
        XCTAssertTrue(fleet.body.contains("<dt>drift</dt><dd><span class=\"ok\">none</span>"), "the run healed what differed: \(fleet.body)")

        let page = try server.get("/runs/\(id)")
        XCTAssertEqual(page.status, 200, page.body)
        XCTAssertTrue(page.body.contains("Run #\(id)"), page.body)
        XCTAssertTrue(page.body.contains("<code>juju.add-model</code>"), page.body)
        XCTAssertTrue(page.body.contains("<code>juju.deploy</code>"), page.body)
        XCTAssertTrue(page.body.contains("<span class=\"badge ok\">succeeded</span>"), page.body)
        XCTAssertFalse(page.body.contains("not started"), "every change of a finished run has its outcome: \(page.body)")
        XCTAssertTrue(page.body.contains("<h2 id=\"env-acme/production\">acme/production</h2>"), page.body)
        XCTAssertTrue(page.body.contains("Plan: "), page.body)
        for path in ["/runs/999999", "/runs/abc", "/runs/", "/runs/1/x", "/runs/-1", "/runs/99999999999999999999"] {
            XCTAssertEqual(try server.get(path).status, 404, path)
        }
        for (what, text) in [("fleet", fleet.body), ("run", page.body)] {
            XCTAssertFalse(text.contains(ServeFleet.canary), "the secret is on the \(what) page")
        }
    }

    func testARestartedDaemonGoesOnFromTheStoredCommit() throws {
        let first = try serve()
        try eventually("the first run", timeout: 300) { !first.lines("run").isEmpty }
        XCTAssertTrue(first.lines("run")[0].contains("tenants=all"), "a first start sweeps: \(first.log)")
        first.signal(SIGTERM)
        XCTAssertEqual(first.waitForExit(), 0, first.log)

        // Nothing moved: the restart reconciles nothing, and its page still shows the fleet.
        let second = try serve()
        try eventually("the second start's look") { !second.lines("look").isEmpty }
        XCTAssertTrue(second.lines("look")[0].contains("outcome=\"no tenant changed\"") || second.lines("look")[0].contains("outcome=no tenant changed"),
                      second.log)
        XCTAssertTrue(second.lines("run").isEmpty, "no run: \(second.log)")
        let page = try second.get("/").body
        XCTAssertTrue(page.contains("acme/production") && page.contains("corp/production"), page)
        XCTAssertTrue(page.contains("<a href=\"runs/1\">#1</a>"), "the last run comes from the journal: \(page)")
        second.signal(SIGTERM)
        XCTAssertEqual(second.waitForExit(), 0, second.log)

        // acme changed while no daemon ran: the next start reconciles acme only.
        try repository.write("tenants/acme.yaml", ServeFleet.tenant("acme", offer: "pme", extra: "  environments:\n    production:\n      applications:\n        db: {units: 2}\n"))
        _ = try repository.commit("acme: two databases")
        let third = try serve()
        try eventually("the third start's run", timeout: 300) { !third.lines("run").isEmpty }
        let run = third.lines("run")[0]
        XCTAssertTrue(run.hasSuffix("tenants=acme") && run.contains("reason=startup"), "only what changed since the stored commit: \(run)")
        XCTAssertTrue(run.contains("outcome=succeeded"), run)
        XCTAssertEqual(try units("k8s:acme-production", "db"), 2)
    }

    func testTheRunPageOfARunKilledMidwayShowsItsPlan() throws {
        latencyMilliseconds = 200
        let first = try serve()
        try eventually("a change under way") { first.lines("change").count >= 2 }
        first.kill()
        latencyMilliseconds = 0
        let second = try serve()
        let page = try second.get("/runs/1")
        XCTAssertEqual(page.status, 200, page.body)
        XCTAssertTrue(page.body.contains("<span class=\"badge bad\">interrupted</span> serve"), "the killed run, journaled as interrupted: \(page.body)")
        XCTAssertTrue(page.body.contains("<span class=\"badge ok\">succeeded</span> <code>"), "what it did: \(page.body)")
        XCTAssertTrue(page.body.contains("not started"), "the plan it did not get to, kept from its start: \(page.body)")
        XCTAssertTrue(page.body.contains("<code>juju.deploy</code>"), page.body)
    }

    func testOffLoopbackTheDashboardNeedsItsToken() throws {
        let refused = try tenantctl("serve", "--repo", repository.path, "--listen", "0.0.0.0:0", timeout: 60)
        XCTAssertEqual(refused.status, 2, "\(refused)")
        XCTAssertTrue(refused.stderr.contains("--listen 0.0.0.0:0 is reachable from the network: give the dashboard a token with --dashboard-token-file"),
                      refused.stderr)

        let token = "dash-7d1e canary token"
        let tokenFile = fixture.path("dashboard-token")
        try Data((token + "\n").utf8).write(to: URL(fileURLWithPath: tokenFile))
        chmod(tokenFile, 0o600)
        let server = try serve(["--listen", "0.0.0.0:0", "--dashboard-token-file", tokenFile])
        try eventually("the first run", timeout: 300) { !server.lines("run").isEmpty }
        let denied = try server.get("/")
        XCTAssertEqual(denied.status, 401)
        XCTAssertFalse(denied.body.contains("acme"), denied.body)
        XCTAssertEqual(try server.get("/runs/1").status, 401)
        // The probes, the metrics and the webhook have their own rules.
        XCTAssertEqual(try server.get("/healthz").status, 200)
        XCTAssertEqual(try server.get("/metrics").status, 200)
        XCTAssertEqual(try server.request("GET", "/", headers: ["Authorization": "Bearer wrong"]).status, 401)
        let bearer = try server.request("GET", "/", headers: ["Authorization": "Bearer \(token)"])
        XCTAssertEqual(bearer.status, 200)
        XCTAssertTrue(bearer.body.contains("acme/production"), bearer.body)

        // From a browser: ?token= once, answered 303 without it, and a cookie.
        let query = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let curl = try ChildProcess.run("/usr/bin/curl", ["-s", "-S", "--max-time", "30", "-o", "/dev/null", "-D", "-",
                                                          "http://127.0.0.1:\(server.port)/runs/1?token=\(query)"])
        let headers = curl.stdout.lowercased()
        XCTAssertTrue(headers.hasPrefix("http/1.1 303"), curl.stdout)
        XCTAssertTrue(headers.contains("location: /runs/1\r\n"), curl.stdout)
        let cookieLine = try XCTUnwrap(curl.stdout.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie:") }, curl.stdout)
        XCTAssertTrue(cookieLine.contains("HttpOnly") && cookieLine.contains("SameSite=Strict"), String(cookieLine))
        XCTAssertFalse(cookieLine.contains(token), "the cookie holds the token hex-encoded")
        let cookie = String(cookieLine.dropFirst("set-cookie:".count).split(separator: ";")[0]).trimmingCharacters(in: .whitespaces)
        let withCookie = try server.request("GET", "/runs/1", headers: ["Cookie": cookie])
        XCTAssertEqual(withCookie.status, 200, withCookie.body)
        XCTAssertTrue(withCookie.body.contains("Run #1"), withCookie.body)
        XCTAssertFalse(server.log.contains(token), "the token is never logged")

        // A reload that would leave this address without a token is refused; the token stays.
        try FileManager.default.removeItem(atPath: tokenFile)
        server.signal(SIGHUP)
        try eventually("the reload refused") { !server.lines("reload refused; the settings in force are kept").isEmpty }
        XCTAssertEqual(try server.get("/").status, 401)
        XCTAssertEqual(try server.request("GET", "/", headers: ["Authorization": "Bearer \(token)"]).status, 200)
    }

    func testATokenOnLoopbackIsAskedForToo() throws {
        let server = try serve(environment: ["TENANTCTL_DASHBOARD_TOKEN": "loopback-dash-token"])
        XCTAssertEqual(try server.get("/").status, 401)
        XCTAssertEqual(try server.request("GET", "/", headers: ["Authorization": "Bearer loopback-dash-token"]).status, 200)
    }
}
