@testable import DNSDriver
import DNSPlanning
import Foundation
import HTTPClient
import XCTest

/// Writes that arrive together for one zone go out as one batch, each caller still getting its
/// own answer: against a real moto_server (Route 53), and with a provider that refuses what the
/// test says, to see how failures are shared out.
final class CoalescingDNSClientTests: XCTestCase {
    /// Hands every batch to `inner` (or refuses it as `refuse` says), keeping what it was sent.
    final class Recording: DNSProviderClient, @unchecked Sendable {
        let inner: (any DNSProviderClient)?
        let refuse: @Sendable (DNSChangeBatch) -> DNSProviderError?
        private let lock = NSLock()
        private var sent: [DNSChangeBatch] = []

        init(_ inner: (any DNSProviderClient)? = nil, refuse: @escaping @Sendable (DNSChangeBatch) -> DNSProviderError? = { _ in nil }) {
            self.inner = inner
            self.refuse = refuse
        }

        var kind: String { inner?.kind ?? "recording" }
        var batches: [DNSChangeBatch] { lock.withLock { sent } }

        func listRecordSets(in zone: String) async throws -> ZoneListing {
            try await inner?.listRecordSets(in: zone) ?? ZoneListing(recordSets: [])
        }

        func apply(_ batch: DNSChangeBatch, to zone: String) async throws {
            lock.withLock { sent.append(batch) }
            if let error = refuse(batch) { throw error }
            try await inner?.apply(batch, to: zone)
        }
    }

    private static func set(_ label: String, _ zone: String = "acme.test", value: String = "203.0.113.10") -> DNSRecordSet {
        DNSRecordSet(name: "\(label).\(zone)", type: .a, ttl: 300, values: [value])
    }

    /// Each record with its ownership TXT, as the DNS driver writes them.
    private static func write(_ label: String, _ zone: String = "acme.test") -> DNSChangeBatch {
        DNSChangeBatch([.upsert(Self.set(label, zone)),
                        .upsert(DNSRecordSet(name: "_tenantctl.\(label).\(zone)", type: .txt, ttl: 300, values: ["heritage=tenantctl"]))])
    }

    func testWritesInFlightTogetherAreSentAsOneBatchToTheRealAPI() async throws {
        guard MotoServer.available() else { throw XCTSkip("moto_server is not installed: run `make python-deps`") }
        let moto = try MotoServer()
        defer { moto.stop() }
        let route53 = Route53Provider(endpoint: moto.endpoint, credentials: AWSCredentials(accessKeyId: "AKIDMOTOTEST", secretAccessKey: "moto-secret"),
                                      http: HTTPClient(configuration: HTTPClientConfiguration(connectTimeout: .seconds(5), totalTimeout: .seconds(60))),
                                      hostedZoneID: nil, pageSize: nil, changeTimeout: .seconds(30))
        let name = "batch-\(UUID().uuidString.prefix(8).lowercased()).test"
        let body = #"<?xml version="1.0" encoding="UTF-8"?><CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">"#
            + "<Name>\(name).</Name><CallerReference>\(UUID().uuidString)</CallerReference></CreateHostedZoneRequest>"
        let created = try await route53.api.send(.post, "/hostedzone", body: body)
        XCTAssertEqual(created.status, 201, created.text)
        let recording = Recording(route53)
        let client = CoalescingDNSClient(wrapping: recording, window: .milliseconds(200))
        let labels = (0..<40).map { "shop\($0)" }
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for label in labels { tasks.addTask { try await client.apply(Self.write(label, name), to: name) } }
            try await tasks.waitForAll()
        }
        XCTAssertEqual(recording.batches.count, 1, "40 writes started together are one call")
        XCTAssertEqual(recording.batches.first?.entries.count, 80)
        let sets = try await client.listRecordSets(in: name).recordSets
        for label in labels {
            XCTAssertTrue(sets.contains(Self.set(label, name)), "\(label) is served by Route 53")
        }
    }

    func testARefusedBatchIsSentAgainMemberByMemberAndOnlyTheBadOneFails() async throws {
        // The provider refuses any batch holding `bad` (Route 53 applies a batch all or nothing).
        let recording = Recording(refuse: { batch in
            batch.entries.contains { $0.recordSet.name.hasPrefix("bad.") } ? DNSProviderError(.permanent, "InvalidChangeBatch: bad value") : nil
        })
        let client = CoalescingDNSClient(wrapping: recording, window: .milliseconds(200))
        let results = await withTaskGroup(of: (String, String?).self) { tasks in
            for label in ["good1", "bad", "good2"] {
                tasks.addTask {
                    do { try await client.apply(Self.write(label), to: "acme.test"); return (label, nil) } catch { return (label, "\(error)") }
                }
            }
            var results: [String: String?] = [:]
            for await (label, error) in tasks { results[label] = error }
            return results
        }
        XCTAssertEqual(results["good1"], .some(nil))
        XCTAssertEqual(results["good2"], .some(nil))
        XCTAssertEqual(results["bad"], .some("InvalidChangeBatch: bad value"))
        XCTAssertEqual(recording.batches.count, 4, "the merged batch, then each of the three alone")
        XCTAssertEqual(recording.batches.first?.entries.count, 6)
    }

    func testATransientRefusalIsEveryMembersToRetryNotACallEach() async throws {
        let recording = Recording(refuse: { _ in DNSProviderError(.transient, "Throttling: Rate exceeded") })
        let client = CoalescingDNSClient(wrapping: recording, window: .milliseconds(200))
        let failures = await withTaskGroup(of: String?.self) { tasks in
            for label in ["a", "b", "c"] {
                tasks.addTask {
                    do { try await client.apply(Self.write(label), to: "acme.test"); return nil } catch { return "\(error)" }
                }
            }
            var failures: [String?] = []
            for await failure in tasks { failures.append(failure) }
            return failures
        }
        XCTAssertEqual(failures, Array(repeating: "Throttling: Rate exceeded", count: 3))
        XCTAssertEqual(recording.batches.count, 1, "a throttled provider is not sent three more calls")
    }

    func testTwoWritesOfOneSetAreNeverInOneBatchAndKeepTheirOrder() async throws {
        let recording = Recording()
        let client = CoalescingDNSClient(wrapping: recording, window: .seconds(1))
        // Started 50 ms apart, so they reach the client in this order, within one window.
        let writes = [DNSChangeBatch([.upsert(Self.set("www", value: "203.0.113.1"))]), DNSChangeBatch([.upsert(Self.set("api"))]),
                      DNSChangeBatch([.upsert(Self.set("www", value: "203.0.113.2"))])]
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for (index, write) in writes.enumerated() {
                tasks.addTask {
                    try await Task.sleep(for: .milliseconds(50 * index))
                    try await client.apply(write, to: "acme.test")
                }
            }
            try await tasks.waitForAll()
        }
        XCTAssertEqual(recording.batches.map { $0.entries.map { "\($0.recordSet.name) \($0.recordSet.values)" } }, [
            ["www.acme.test [\"203.0.113.1\"]", "api.acme.test [\"203.0.113.10\"]"],
            ["www.acme.test [\"203.0.113.2\"]"],
        ])
    }

    func testOneWriteAloneIsSentAfterTheWindowAndZonesAreNotMixed() async throws {
        let recording = Recording()
        let client = CoalescingDNSClient(wrapping: recording, window: .milliseconds(20))
        async let one: Void = client.apply(Self.write("www", "acme.test"), to: "acme.test")
        async let two: Void = client.apply(Self.write("www", "other.test"), to: "other.test")
        _ = try await (one, two)
        XCTAssertEqual(recording.batches.count, 2)
        XCTAssertEqual(Set(recording.batches.map { $0.entries[0].recordSet.name }), ["www.acme.test", "www.other.test"])
    }
}
