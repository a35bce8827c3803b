@testable import DNSDriver
import DNSPlanning
import HTTPClient
import XCTest

/// OVHProvider against ovh-sim, which checks every signature and timestamp as OVH does.
final class OVHProviderTests: XCTestCase {
    var sim: OVHSimProcess!

    override func setUpWithError() throws { sim = try OVHSimProcess() }
    override func tearDown() { sim = nil }

    func provider(secret: String = OVHSimProcess.applicationSecret, consumerKey: String = OVHSimProcess.consumerKey,
                  retry: HTTPRetryPolicy = HTTPRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(50))) throws -> OVHProvider {
        OVHProvider(endpoint: try OVHEndpoint(sim.apiURL),
                    credentials: OVHCredentials(applicationKey: OVHSimProcess.applicationKey, applicationSecret: secret, consumerKey: consumerKey),
                    http: HTTPClient(configuration: HTTPClientConfiguration(connectTimeout: .seconds(5), totalTimeout: .seconds(20), retry: retry)))
    }

    func testListsTheZoneAsNormalizedRecordSets() async throws {
        let listing = try await provider().listRecordSets(in: "ACME.fr.")
        XCTAssertEqual(listing.recordSets, [
            DNSRecordSet(name: "acme.fr", type: "A", ttl: nil, values: ["203.0.113.1"]),
            DNSRecordSet(name: "acme.fr", type: "NS", ttl: nil, values: ["dns200.anycast.me."]),
            DNSRecordSet(name: "acme.fr", type: "TXT", ttl: nil, values: ["v=spf1 include:mx.ovh.com ~all"]),
            DNSRecordSet(name: "mail.acme.fr", type: "MX", ttl: nil, values: ["1 mx1.mail.ovh.net."]),
            DNSRecordSet(name: "www.acme.fr", type: "CNAME", ttl: 3600, values: ["acme.fr"]),
        ])
        let empty = try await provider().listRecordSets(in: "bibind.com").recordSets
        XCTAssertEqual(empty, [])
        // One call for the ids, one per record, one /auth/time.
        XCTAssertEqual(sim.requestLog().count, 1 + 1 + 5 + 1 + 1)
    }

    func testWritesAreServedOnlyAfterPublish() async throws {
        let ovh = try provider()
        let shop = DNSRecordSet(name: "shop.acme.fr", type: .a, ttl: 300, values: ["203.0.113.10", "203.0.113.11"])
        let owner = DNSRecordSet(name: "_owner.shop.acme.fr", type: .txt, ttl: nil, values: ["heritage=tenantctl,owner=fleet/acme"])
        try await ovh.apply(DNSChangeBatch([.upsert(shop), .upsert(owner)]), to: "acme.fr")
        let listed = try await ovh.listRecordSets(in: "acme.fr").recordSets
        XCTAssertTrue(listed.contains(shop) && listed.contains(owner), "\(listed)")
        XCTAssertFalse(try sim.served("acme.fr").contains { ($0["subDomain"] as? String) == "shop" }, "not served before refresh")
        XCTAssertTrue(ovh.needsPublish)
        try await ovh.publish(zone: "acme.fr")
        let served = try sim.served("acme.fr").filter { ($0["subDomain"] as? String) == "shop" }
        XCTAssertEqual(served.compactMap { $0["target"] as? String }.sorted(), ["203.0.113.10", "203.0.113.11"])
        XCTAssertEqual(served.compactMap { $0["ttl"] as? Int }, [300, 300])
        XCTAssertEqual(try sim.served("acme.fr").first { ($0["subDomain"] as? String) == "_owner.shop" }?["target"] as? String,
                       "heritage=tenantctl,owner=fleet/acme")
    }

    func testUpsertReplacesAndDeleteRemovesAndBothAreIdempotent() async throws {
        let ovh = try provider()
        let first = DNSRecordSet(name: "shop.acme.fr", type: .a, ttl: 300, values: ["203.0.113.10", "203.0.113.11"])
        try await ovh.apply(DNSChangeBatch([.upsert(first)]), to: "acme.fr")
        let second = DNSRecordSet(name: "shop.acme.fr", type: .a, ttl: 600, values: ["203.0.113.12"])
        try await ovh.apply(DNSChangeBatch([.upsert(second)]), to: "acme.fr")
        try await ovh.apply(DNSChangeBatch([.upsert(second)]), to: "acme.fr")
        var listed = try await ovh.listRecordSets(in: "acme.fr").recordSets
        XCTAssertEqual(listed.filter { $0.name == "shop.acme.fr" }, [second])
        XCTAssertEqual(try sim.records("acme.fr").filter { ($0["subDomain"] as? String) == "shop" }.count, 1)

        try await ovh.apply(DNSChangeBatch([.delete(second)]), to: "acme.fr")
        try await ovh.apply(DNSChangeBatch([.delete(second)]), to: "acme.fr")
        listed = try await ovh.listRecordSets(in: "acme.fr").recordSets
        XCTAssertFalse(listed.contains { $0.name == "shop.acme.fr" })
    }

    func testACNAMEGivesWayToAnAddressInOneBatch() async throws {
        let ovh = try provider()
        let cname = DNSRecordSet(name: "www.acme.fr", type: .cname, ttl: 3600, values: ["acme.fr"])
        let address = DNSRecordSet(name: "www.acme.fr", type: .a, ttl: 300, values: ["203.0.113.20"])
        // Listed upsert first: the provider deletes first, or OVH refuses the A beside the CNAME.
        try await ovh.apply(DNSChangeBatch([.upsert(address), .delete(cname)]), to: "acme.fr")
        let www = try await ovh.listRecordSets(in: "acme.fr").recordSets.filter { $0.name == "www.acme.fr" }
        XCTAssertEqual(www, [address])
        let target = DNSRecordSet(name: "api.acme.fr", type: .cname, ttl: nil, values: ["lb.bibind.com"])
        try await ovh.apply(DNSChangeBatch([.upsert(target)]), to: "acme.fr")
        XCTAssertEqual(try sim.records("acme.fr").first { ($0["subDomain"] as? String) == "api" }?["target"] as? String, "lb.bibind.com.")
        let withTarget = try await ovh.listRecordSets(in: "acme.fr").recordSets
        XCTAssertTrue(withTarget.contains(target))
    }

    func testAZoneOVHDoesNotHostIsZoneNotFound() async throws {
        let ovh = try provider()
        await assertThrows(.zoneNotFound, containing: "This service does not exist") { _ = try await ovh.listRecordSets(in: "globex.fr") }
        await assertThrows(.zoneNotFound) { try await ovh.publish(zone: "globex.fr") }
        await assertThrows(.zoneNotFound) {
            try await ovh.apply(DNSChangeBatch([.upsert(DNSRecordSet(name: "www.globex.fr", type: .a, ttl: nil, values: ["203.0.113.1"]))]), to: "globex.fr")
        }
        await assertThrows(.permanent, containing: "not in zone") {
            try await ovh.apply(DNSChangeBatch([.upsert(DNSRecordSet(name: "www.globex.fr", type: .a, ttl: nil, values: ["203.0.113.1"]))]), to: "acme.fr")
        }
    }

    func testAWrongSecretIsUnauthorizedAndNeverShown() async throws {
        let canary = "canary-secret-\(UUID().uuidString)"
        let ovh = try provider(secret: canary)
        let error = await assertThrows(.unauthorized, containing: "Invalid signature") { _ = try await ovh.listRecordSets(in: "acme.fr") }
        XCTAssertFalse(error?.message.contains(canary) ?? true)
        XCTAssertFalse(error?.message.contains(OVHSimProcess.consumerKey) ?? true)
        XCTAssertFalse("\(String(describing: error))".contains(canary))
    }

    func testAnUnknownConsumerKeyAndAnUngrantedCallAreUnauthorized() async throws {
        await assertThrows(.unauthorized, containing: "This credential does not exist") {
            _ = try await self.provider(consumerKey: "no-such-consumer-key").listRecordSets(in: "acme.fr")
        }
        let reader = try provider(consumerKey: OVHSimProcess.readOnlyConsumerKey)
        let read = try await reader.listRecordSets(in: "acme.fr").recordSets
        XCTAssertFalse(read.isEmpty)
        let error = await assertThrows(.unauthorized, containing: "This call has not been granted") {
            try await reader.apply(DNSChangeBatch([.upsert(DNSRecordSet(name: "x.acme.fr", type: .a, ttl: nil, values: ["203.0.113.1"]))]), to: "acme.fr")
        }
        XCTAssertFalse(error?.message.contains(OVHSimProcess.readOnlyConsumerKey) ?? true)
    }

    func testTheClockOffsetComesFromOVHAndIsReadAgainWhenOVHMoves() async throws {
        // OVH's clock ten minutes ahead: a local timestamp would be refused.
        try sim.admin("POST", "/clock", #"{"skewSeconds": 600}"#)
        let ovh = try provider()
        try await assertListsRecords(ovh)
        XCTAssertEqual(sim.requestLog().filter { $0.contains("/auth/time") }.count, 1, "read once per client")
        // OVH's clock moves after the offset was read: one refusal, transient, then a new offset.
        try sim.admin("POST", "/clock", #"{"skewSeconds": -600}"#)
        await assertThrows(.transient, containing: "Query out of time") { _ = try await ovh.listRecordSets(in: "acme.fr") }
        try await assertListsRecords(ovh)
        XCTAssertEqual(sim.requestLog().filter { $0.contains("/auth/time") }.count, 2)
    }

    func testThrottlingAndServerErrorsAreRetriedThenTransient() async throws {
        let ovh = try provider()
        try sim.admin("POST", "/fail", #"{"count": 2, "status": 429, "retryAfter": 1}"#)
        let started = Date()
        try await assertListsRecords(ovh)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 1.9, "Retry-After honoured")

        try sim.admin("POST", "/fail", #"{"count": 10, "status": 503}"#)
        await assertThrows(.transient, containing: "503") { _ = try await ovh.listRecordSets(in: "acme.fr") }
        try sim.admin("POST", "/reset-faults")
        try sim.admin("POST", "/fail", #"{"count": 1, "status": 500}"#)
        // A POST is not retried on 500 by the client (it may have acted): transient for the driver.
        await assertThrows(.transient, containing: "500") { try await ovh.publish(zone: "acme.fr") }
    }

    func assertListsRecords(_ ovh: OVHProvider, file: StaticString = #filePath, line: UInt = #line) async throws {
        let sets = try await ovh.listRecordSets(in: "acme.fr").recordSets
        XCTAssertFalse(sets.isEmpty, file: file, line: line)
    }

    func testAnAnswerLaterThanTheTimeoutIsTransient() async throws {
        try sim.admin("POST", "/latency", #"{"ms": 1500}"#)
        let impatient = OVHProvider(
            endpoint: try OVHEndpoint(sim.apiURL),
            credentials: OVHCredentials(applicationKey: OVHSimProcess.applicationKey, applicationSecret: OVHSimProcess.applicationSecret,
                                        consumerKey: OVHSimProcess.consumerKey),
            http: HTTPClient(configuration: HTTPClientConfiguration(connectTimeout: .seconds(1), totalTimeout: .milliseconds(500), retry: .never)))
        await assertThrows(.transient, containing: "timeout") { _ = try await impatient.listRecordSets(in: "acme.fr") }
    }

    @discardableResult
    func assertThrows(_ kind: DNSProviderError.Kind, containing text: String? = nil, file: StaticString = #filePath, line: UInt = #line,
                      _ body: () async throws -> Void) async -> DNSProviderError? {
        do {
            try await body()
            XCTFail("nothing thrown", file: file, line: line)
        } catch let error as DNSProviderError {
            XCTAssertEqual(error.kind, kind, error.message, file: file, line: line)
            if let text { XCTAssertTrue(error.message.contains(text), error.message, file: file, line: line) }
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }
}
