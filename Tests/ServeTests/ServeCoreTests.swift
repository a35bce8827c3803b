import Foundation
import ServeCore
import XCTest

/// The daemon's parts without a process: the trigger's bound, the token comparison, escaping,
/// the metrics' text format.
final class ServeCoreTests: XCTestCase {
    /// 1,000 requests while a look runs make one next look, and nothing more is queued.
    func testAFloodDuringALookMakesOneNextLook() async {
        let trigger = LookTrigger()
        await trigger.request(.startup)
        let first = await trigger.next()
        XCTAssertEqual(first, .startup)
        var coalesced = 0
        for _ in 0..<1000 where await trigger.request(.hook) { coalesced += 1 }
        XCTAssertEqual(coalesced, 999, "the first request makes the next look, the others join it")
        let second = await trigger.next()
        XCTAssertEqual(second, .hook)
        // Nothing else is pending: the next `next()` waits until a request or close.
        let third = Task { await trigger.next() }
        try? await Task.sleep(for: .milliseconds(100))
        await trigger.close()
        let closed = await third.value
        XCTAssertNil(closed)
        let dropped = await trigger.request(.hook)
        XCTAssertTrue(dropped, "a closed trigger takes no work")
    }

    /// The GitLab status queue behind a GitLab that does not answer: it holds `capacity` posts,
    /// refuses the rest (the caller counts and logs them), and drains once GitLab answers.
    func testAFullStatusQueueRefusesWhatDoesNotFitAndDrains() async {
        let queue = StatusQueue()
        let gitlab = Gate()
        var accepted = 0, refused = 0
        for _ in 0..<(StatusQueue.capacity + 200) {
            if queue.enqueue({ await gitlab.wait() }) { accepted += 1 } else { refused += 1 }
        }
        // The worker may already hold the first post: one more than the buffer.
        XCTAssertTrue((StatusQueue.capacity...StatusQueue.capacity + 1).contains(accepted), "\(accepted) accepted")
        XCTAssertEqual(refused, StatusQueue.capacity + 200 - accepted)
        let stuck = await queue.drain(timeout: .milliseconds(200))
        XCTAssertFalse(stuck, "nothing drains while GitLab does not answer")
        gitlab.open()
        let drained = await queue.drain(timeout: .seconds(30))
        XCTAssertTrue(drained)
        XCTAssertTrue(queue.enqueue({}), "room again once drained")
    }

    func testReasonsAreMergedAndASweepIsKept() async {
        let trigger = LookTrigger()
        await trigger.request(.hook)
        await trigger.request(.drift)
        await trigger.request(.poll)
        let reasons = await trigger.next()
        XCTAssertEqual(reasons, [.hook, .drift, .poll])
        XCTAssertTrue(reasons?.sweepsEverything == true)
        XCTAssertTrue(LookReasons.reload.sweepsEverything)
        XCTAssertFalse(LookReasons.startup.sweepsEverything, "a start goes on from the stored commit when there is one")
        XCTAssertFalse(LookReasons([.poll, .hook]).sweepsEverything)
    }

    func testTheWebhookGate() {
        let gate = WebhookGate(token: "right")
        XCTAssertEqual(gate.judge(token: nil, event: "Push Hook"), .unauthorized)
        XCTAssertEqual(gate.judge(token: "wrong", event: "Push Hook"), .unauthorized)
        XCTAssertEqual(gate.judge(token: "righ", event: "Push Hook"), .unauthorized)
        XCTAssertEqual(gate.judge(token: "right ", event: "Push Hook"), .unauthorized)
        XCTAssertEqual(gate.judge(token: "right", event: "Push Hook"), .look(event: "Push Hook"))
        XCTAssertEqual(gate.judge(token: "right", event: "Merge Request Hook"), .look(event: "Merge Request Hook"))
        XCTAssertEqual(gate.judge(token: "right", event: "Pipeline Hook"), .ignored(event: "Pipeline Hook"))
        XCTAssertEqual(gate.judge(token: "right", event: nil), .ignored(event: ""))
        XCTAssertEqual(WebhookGate(token: nil).judge(token: "", event: "Push Hook"), .unauthorized, "no token configured: every hook refused")
        XCTAssertEqual(WebhookGate(token: "").judge(token: "", event: "Push Hook"), .unauthorized)
        XCTAssertTrue(WebhookGate.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        XCTAssertFalse(WebhookGate.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        XCTAssertFalse(WebhookGate.constantTimeEqual([], Array("a".utf8)))
    }

    func testTheFleetPageEscapesWhatComesFromGitAndTheWorld() {
        let hostile = EnvironmentStatus(environment: "a\"/<b>", tenant: "x&y", offer: "<img src=x onerror=alert(1)>", controller: "k8s'",
                                        model: "m</code><script>", sync: "auto", suspended: true, suspendedReason: "<b>migration</b>",
                                        lastOutcome: "failed: juju:k8s/'m'", health: "<i>1/2</i>", healthy: false, drift: 3)
        let page = FleetPage.render(title: "t", snapshot: FleetSnapshot(commit: "0123456789abcdef", lastLook: nil, lastError: "<script>alert(1)</script>",
                                                                        environments: [hostile]),
                                    lastRuns: ["a\"/<b>": RunView(id: 7, command: "serve<x>", commit: "c", status: "failed", summary: "<s>",
                                                                    startedAt: Date(timeIntervalSince1970: 0), finishedAt: nil)],
                                    recentRuns: [RunView(id: 7, command: "serve", commit: "c0ffee", status: "failed", summary: "1 failed <u>",
                                                         startedAt: Date(timeIntervalSince1970: 0), finishedAt: nil)])
        for raw in ["<script>", "<img", "<b>", "<i>", "<s>", "<u>", "<x>"] { XCTAssertFalse(page.contains(raw), "\(raw) in\n\(page)") }
        XCTAssertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page)
        XCTAssertTrue(page.contains("a&quot;/&lt;b&gt;"), page)
        XCTAssertTrue(page.contains("x&amp;y"), page)
        XCTAssertTrue(page.contains("juju:k8s/&#39;m&#39;"), page)
        XCTAssertTrue(page.contains("<code>0123456789ab</code>"), page)
        XCTAssertTrue(page.contains("<a href=\"runs/7\">#7</a>"), page)
        XCTAssertTrue(page.contains("3 difference(s)"), page)
        XCTAssertTrue(page.contains("name=\"viewport\""), page)
        XCTAssertFalse(page.lowercased().contains("<script"), "no script at all")
    }

    func testTheRunPageShowsEachChangeWithItsOutcomeEscaped() {
        let run = RunView(id: 12, command: "serve", commit: "89abcdef0123456789", status: "failed", summary: "1 succeeded, 1 failed",
                          startedAt: Date(timeIntervalSince1970: 0), finishedAt: Date(timeIntervalSince1970: 75))
        let changes = [
            RunChangeView(actionID: "juju.deploy juju:k8s/acme-production/bundle", kind: "juju.deploy", effect: "create", tenant: "acme",
                          environment: "acme/production", target: "bundle", reasons: ["units: 0 -> 1"], outcome: "succeeded", attempts: 1, error: nil),
            RunChangeView(actionID: "juju.config x", kind: "juju.config", effect: "update", tenant: "acme", environment: "acme/production",
                          target: "shop", reasons: ["title: a -> <script>"], outcome: "failed", attempts: 3, error: "juju said <no>"),
            RunChangeView(actionID: "juju.scale y", kind: "juju.scale", effect: "update", tenant: "corp", environment: "corp/production",
                          target: "db", reasons: [], outcome: nil, attempts: 0, error: nil),
        ]
        let page = RunPage.render(title: "tenantctl", run: run, changes: changes)
        XCTAssertFalse(page.contains("<script>") || page.contains("<no>"), page)
        XCTAssertTrue(page.contains("title: a -&gt; &lt;script&gt;"), page)
        XCTAssertTrue(page.contains("juju said &lt;no&gt;"), page)
        XCTAssertTrue(page.contains("3 attempts"), page)
        XCTAssertTrue(page.contains("not started"), page)
        XCTAssertTrue(page.contains("1 min 15 s"), page)
        XCTAssertTrue(page.contains("Plan: 3 change(s), 1 done"), page)
        XCTAssertTrue(page.contains("<a href=\"../\">"), "a way back to the fleet, relative so a proxy's prefix is kept")
        XCTAssertLessThan(page.range(of: "acme/production")!.lowerBound, page.range(of: "corp/production")!.lowerBound)
    }

    /// 10,000 environments: each has its card once, in tenant order (the time and size are printed,
    /// not asserted: a shared machine's timings prove nothing).
    func testALargeFleetHasEveryEnvironmentOnce() {
        let environments = (0..<5_000).flatMap { index in
            ["production", "staging"].map { environment in
                EnvironmentStatus(environment: "tenant-\(index)/\(environment)", tenant: "tenant-\(index)", offer: "pme", controller: "k8s",
                                  model: "tenant-\(index)-\(environment)", sync: "auto", suspended: false, lastOutcome: index % 100 == 0 ? "failed: x" : "in sync",
                                  lastLook: Date(timeIntervalSince1970: 0), health: "1/1 units active/idle", healthy: true, drift: 0)
            }
        }
        let started = Date()
        let page = FleetPage.render(title: "t", snapshot: FleetSnapshot(commit: nil, lastLook: nil, lastError: nil, environments: environments),
                                    lastRuns: [:], recentRuns: [])
        print("fleet page of \(environments.count) environments: \(page.utf8.count / 1024) KiB in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        XCTAssertEqual(page.components(separatedBy: "<article class=\"card\"").count - 1, 10_000)
        XCTAssertEqual(page.components(separatedBy: "<section id=\"tenant-").count - 1, 5_000)
        XCTAssertTrue(page.contains("<li class=\"bad\">100 failing</li>"), String(page.prefix(3000)))
    }

    func testTimestampsAreUTC() {
        XCTAssertEqual(DashboardLayout.timestamp(Date(timeIntervalSince1970: 1_796_031_667.9)), "2026-11-30 09:41:07 UTC")
        XCTAssertEqual(DashboardLayout.timestamp(Date(timeIntervalSince1970: 0)), "1970-01-01 00:00:00 UTC")
    }

    func testTheDashboardTokenByHeaderCookieOrQueryOnce() {
        let open = DashboardAccess(token: nil)
        XCTAssertEqual(open.judge(authorization: nil, cookies: nil, queryToken: nil, path: "/"), .allowed)
        let access = DashboardAccess(token: "s3cret; with=odd chars")
        XCTAssertEqual(access.judge(authorization: nil, cookies: nil, queryToken: nil, path: "/"), .denied)
        XCTAssertEqual(access.judge(authorization: "Bearer s3cret; with=odd chars", cookies: nil, queryToken: nil, path: "/"), .allowed)
        XCTAssertEqual(access.judge(authorization: "bearer s3cret; with=odd chars", cookies: nil, queryToken: nil, path: "/"), .allowed)
        XCTAssertEqual(access.judge(authorization: "Bearer s3cret", cookies: nil, queryToken: nil, path: "/"), .denied)
        XCTAssertEqual(access.judge(authorization: "Basic czNjcmV0", cookies: nil, queryToken: nil, path: "/"), .denied)
        guard case let .remember(location, cookie) = access.judge(authorization: nil, cookies: nil, queryToken: "s3cret; with=odd chars",
                                                                  path: "/runs/3") else {
            return XCTFail("a right query token sets the cookie")
        }
        XCTAssertEqual(location, "/runs/3", "the token leaves the address")
        XCTAssertTrue(cookie.hasPrefix("tenantctl_dashboard="), cookie)
        XCTAssertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), cookie)
        XCTAssertFalse(cookie.contains("s3cret"), "hex-encoded: any token fits in a cookie")
        let value = String(cookie.split(separator: ";")[0].dropFirst("tenantctl_dashboard=".count))
        XCTAssertEqual(access.judge(authorization: nil, cookies: "theme=dark; tenantctl_dashboard=\(value)", queryToken: nil, path: "/"), .allowed)
        XCTAssertEqual(access.judge(authorization: nil, cookies: "tenantctl_dashboard=\(value.dropLast(2))", queryToken: nil, path: "/"), .denied)
        XCTAssertEqual(access.judge(authorization: nil, cookies: "tenantctl_dashboard=zz", queryToken: nil, path: "/"), .denied)
        XCTAssertEqual(access.judge(authorization: nil, cookies: nil, queryToken: "wrong", path: "/"), .denied)
        XCTAssertEqual(DashboardAccess.closed.judge(authorization: nil, cookies: nil, queryToken: nil, path: "/"), .denied)
    }

    func testLoopbackHosts() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1"] { XCTAssertTrue(LoopbackHost.isLoopback(host), host) }
        for host in ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com", "127.0.0.256", "127.0.0", "1127.0.0.1", "127.0.0.1.5", ""] {
            XCTAssertFalse(LoopbackHost.isLoopback(host), host)
        }
    }

    func testMetricsAreInThePrometheusTextFormat() throws {
        let metrics = ServeMetrics()
        metrics.runFinished(outcome: "succeeded", duration: .seconds(3))
        metrics.changeFinished(outcome: "succeeded", duration: .milliseconds(250))
        metrics.driftItems(tenant: "acme", count: 2)
        metrics.reconciled(environment: "acme/production", at: 1_700_000_000)
        metrics.webhookReceived(result: "look")
        metrics.webhookCoalesced()
        metrics.lockWaited()
        let text = metrics.text()
        try PrometheusText.check(text)
        XCTAssertTrue(text.contains("tenantctl_runs_total{outcome=\"succeeded\"} 1"), text)
        XCTAssertTrue(text.contains("tenantctl_drift_items{tenant=\"acme\"} 2"), text)
        XCTAssertTrue(text.contains("tenantctl_run_duration_seconds_count 1"), text)
    }
}

/// A stand-in for a GitLab that answers only once opened.
private final class Gate: @unchecked Sendable {
    private let lock = NSLock()
    private var opened = false

    func open() { lock.withLock { opened = true } }

    func wait() async {
        // try?: a cancelled sleep only ends the wait sooner.
        while !lock.withLock({ opened }) { try? await Task.sleep(for: .milliseconds(10)) }
    }
}

/// A small reader of the Prometheus text exposition format (0.0.4): every line is a comment
/// (`# HELP`, `# TYPE`) or `name{label="value",…} number`.
enum PrometheusText {
    static func check(_ text: String) throws {
        let sample = try NSRegularExpression(pattern: #"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? [-+]?([0-9.eE+-]+|NaN|\+Inf|-Inf)( [0-9]+)?$"#)
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") { continue }
            let range = NSRange(line.startIndex..., in: line)
            guard sample.firstMatch(in: line, range: range) != nil else { throw NSError(domain: "metrics", code: 1, userInfo: [NSLocalizedDescriptionKey: "not a sample: \(line)"]) }
        }
    }
}
