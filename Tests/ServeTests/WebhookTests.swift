import Foundation
import GitTestSupport
import XCTest

/// `POST /hooks/gitlab`: only the right token starts a look; unknown events are answered and
/// ignored; bodies are bounded; a flood is coalesced.
final class WebhookTests: ServeCase {
    func testWrongMissingAndRightTokens() throws {
        let server = try serve()
        try eventually("the first run") { try server.runs() >= 1 }
        let before = try server.metric("tenantctl_webhook_events_received_total", "result=\"look\"")
        XCTAssertEqual(try server.hook(token: nil).status, 401)
        XCTAssertEqual(try server.hook(token: "wrong").status, 401)
        XCTAssertEqual(try server.hook(token: "s3cret-token-but-longer").status, 401)
        XCTAssertEqual(try server.metric("tenantctl_webhook_events_received_total", "result=\"unauthorized\""), 3)
        XCTAssertEqual(try server.metric("tenantctl_webhook_events_received_total", "result=\"look\""), before, "no look for a refused hook")

        // A commit, then the right token: the change is reconciled at once (no poll for an hour).
        try repository.write("tenants/acme.yaml", ServeFleet.tenant("acme", offer: "pme", extra: "  environments:\n    production:\n      applications:\n        shop: {units: 2}\n"))
        _ = try repository.commit("acme: two shops")
        let accepted = try server.hook(token: "s3cret-token")
        XCTAssertEqual(accepted.status, 202, accepted.body)
        try eventually("acme's second shop") { try units("k8s:acme-production", "shop") == 2 }
        try eventually("the webhook's run, for acme alone") {
            server.lines("run").contains { $0.contains("tenants=acme") && $0.contains("reason=webhook") }
        }

        let ignored = try server.hook(token: "s3cret-token", event: "Pipeline Hook")
        XCTAssertEqual(ignored.status, 202)
        XCTAssertTrue(ignored.body.contains("ignored"), ignored.body)
        let huge = try server.hook(token: "s3cret-token", body: String(repeating: "x", count: 2 << 20))
        XCTAssertEqual(huge.status, 413)
    }

    func testWithoutATokenEveryHookIsRefused() throws {
        let server = try serve(token: nil)
        XCTAssertEqual(try server.hook(token: "").status, 401)
        XCTAssertEqual(try server.hook(token: "anything").status, 401)
        XCTAssertTrue(server.log.contains("every webhook is refused"), server.log)
    }

    /// 1,000 events while the first run is going: at most one more run. (How many join a pending
    /// look depends on how fast the flood arrives; the trigger's bound itself is exact in
    /// ServeCoreTests.)
    func testAFloodIsCoalesced() throws {
        latencyMilliseconds = 400
        let server = try serve()
        try eventually("the first change") { !server.lines("change started").isEmpty }
        DispatchQueue.concurrentPerform(iterations: 20) { batch in
            for _ in 0..<50 { _ = try? server.hook(token: "s3cret-token") }
            _ = batch
        }
        XCTAssertEqual(try server.metric("tenantctl_webhook_events_received_total", "result=\"look\""), 1000)
        try eventually("the fleet applied", timeout: 300) { try server.runs() >= 1 && server.lines("run").count >= 1 }
        Thread.sleep(forTimeInterval: 3)
        XCTAssertLessThanOrEqual(server.lines("run").count, 2, server.log)
        XCTAssertLessThanOrEqual(try server.runs(), 2)
        XCTAssertGreaterThanOrEqual(try server.metric("tenantctl_webhook_events_coalesced_total"), 1, "the flood met a run under way")
    }

    /// A full event queue: 2,000 webhooks of 256 KiB each (500 MiB) over 8 connections while a
    /// run is going. Each is answered 202 and none is kept: the look they ask for is one pending
    /// flag, not a queue of events, so at most one more run follows, and serve's memory grows by a
    /// small part of what was sent.
    func testAFloodOfLargeEventsIsBoundedAndKeepsNothing() throws {
        latencyMilliseconds = 1000
        let server = try serve()
        try eventually("the first change") { !server.lines("change started").isEmpty }
        let before = try server.residentBytes()
        let body = #"{"object_kind":"push","ref":"refs/heads/main","padding":""# + String(repeating: "x", count: 256 << 10) + #""}"#
        let accepted = AcceptedCount()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<250 where (try? server.hook(token: "s3cret-token", body: body))?.status == 202 { accepted.add() }
        }
        let after = try server.residentBytes()
        XCTAssertEqual(accepted.value, 2000)
        XCTAssertEqual(try server.metric("tenantctl_webhook_events_received_total", "result=\"look\""), 2000)
        XCTAssertGreaterThanOrEqual(try server.metric("tenantctl_webhook_events_coalesced_total"), 1, "the flood met a run under way")
        XCTAssertLessThan(after - before, 100 << 20, "RSS \(before >> 20) MiB before, \(after >> 20) MiB after 500 MiB of events")
        try eventually("the first run's line", timeout: 300) { !server.lines("run").isEmpty }
        Thread.sleep(forTimeInterval: 3)
        XCTAssertLessThanOrEqual(server.lines("run").count, 2, server.log)
    }
}

/// Answers counted from several threads.
private final class AcceptedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
