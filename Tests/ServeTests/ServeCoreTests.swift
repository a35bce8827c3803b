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

    func testThePageEscapesWhatComesFromGitAndTheWorld() {
        let page = StatusPage.render(title: "t", commit: "0123456789abcdef", lastLook: nil, lastError: "<script>alert(1)</script>",
                                     environments: [EnvironmentStatus(environment: "a\"/<b>", tenant: "x&y", sync: "auto", suspended: true,
                                                                      lastOutcome: "failed: juju:k8s/'m'")])
        XCTAssertFalse(page.contains("<script>"), page)
        XCTAssertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page)
        XCTAssertTrue(page.contains("a&quot;/&lt;b&gt;"), page)
        XCTAssertTrue(page.contains("x&amp;y"), page)
        XCTAssertTrue(page.contains("juju:k8s/&#39;m&#39;"), page)
        XCTAssertTrue(page.contains("<code>0123456789ab</code>"), page)
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
