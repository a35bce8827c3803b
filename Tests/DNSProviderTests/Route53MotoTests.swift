@testable import DNSDriver
import DNSPlanning
import HTTPClient
import XCTest

/// Route53Provider against a real moto_server started for these tests. moto does not check
/// signatures (any Authorization passes; it reads only the service from the credential scope),
/// so a wrong secret cannot be refused here: SigV4Tests check the signing against AWS's examples.
final class Route53MotoTests: XCTestCase {
    nonisolated(unsafe) static var moto: MotoServer?

    override class func setUp() {
        super.setUp()
        if MotoServer.available() { moto = try? MotoServer() }
    }

    override class func tearDown() {
        moto?.stop()
        moto = nil
        super.tearDown()
    }

    let credentials = AWSCredentials(accessKeyId: "AKIDMOTOTEST", secretAccessKey: "moto-secret-canary-\(UUID().uuidString)")

    func endpoint() throws -> URL {
        guard let moto = Self.moto else {
            throw XCTSkip("moto_server is not installed or did not start: run `make python-deps`")
        }
        return moto.endpoint
    }

    func provider(pageSize: Int? = nil, hostedZoneID: String? = nil) throws -> Route53Provider {
        Route53Provider(endpoint: try endpoint(), credentials: credentials,
                        http: HTTPClient(configuration: HTTPClientConfiguration(connectTimeout: .seconds(5), totalTimeout: .seconds(60))),
                        hostedZoneID: hostedZoneID, pageSize: pageSize, changeTimeout: .seconds(30))
    }

    /// A new hosted zone through the API (CreateHostedZone), named uniquely for the test.
    func makeZone(_ prefix: String) async throws -> (name: String, id: String) {
        let name = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased()).test"
        let r53 = try provider()
        let body = #"<?xml version="1.0" encoding="UTF-8"?><CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">"#
            + "<Name>\(name).</Name><CallerReference>\(UUID().uuidString)</CallerReference></CreateHostedZoneRequest>"
        let response = try await r53.api.send(.post, "/hostedzone", body: body)
        XCTAssertEqual(response.status, 201, response.text)
        let id = try XCTUnwrap(try XMLNode.parse(response.data).first("HostedZone")?.string("Id"))
        return (name, Route53Decoding.stripPrefix(id, "/hostedzone/"))
    }

    func testListsANewZoneWithItsSOAAndNS() async throws {
        let zone = try await makeZone("list")
        let sets = try await provider().listRecordSets(in: zone.name).recordSets
        XCTAssertEqual(sets.map(\.type).sorted(), ["NS", "SOA"])
        XCTAssertTrue(sets.allSatisfy { $0.name == zone.name })
        // The fleet's hostedZoneId skips the lookup.
        let byID = try await provider(hostedZoneID: "/hostedzone/\(zone.id)").listRecordSets(in: zone.name).recordSets
        XCTAssertEqual(byID, sets)
    }

    func testUpsertReplaceAndDeleteAreIdempotent() async throws {
        let zone = try await makeZone("write")
        let r53 = try provider()
        let shop = DNSRecordSet(name: "shop.\(zone.name)", type: .a, ttl: 300, values: ["203.0.113.10", "203.0.113.11"])
        let owner = DNSRecordSet(name: "_owner.shop.\(zone.name)", type: .txt, ttl: 300, values: ["heritage=tenantctl,owner=fleet/acme"])
        let alias = DNSRecordSet(name: "api.\(zone.name)", type: .cname, ttl: nil, values: ["lb.bibind.com"])
        try await r53.apply(DNSChangeBatch([.upsert(shop), .upsert(owner), .upsert(alias)]), to: zone.name)
        var sets = try await r53.listRecordSets(in: zone.name).recordSets
        XCTAssertTrue(sets.contains(shop) && sets.contains(owner), "\(sets)")
        XCTAssertTrue(sets.contains(DNSRecordSet(name: "api.\(zone.name)", type: .cname, ttl: 300, values: ["lb.bibind.com"])), "\(sets)")

        let moved = DNSRecordSet(name: "shop.\(zone.name)", type: .a, ttl: 600, values: ["203.0.113.12"])
        try await r53.apply(DNSChangeBatch([.upsert(moved)]), to: zone.name)
        try await r53.apply(DNSChangeBatch([.upsert(moved)]), to: zone.name)
        sets = try await r53.listRecordSets(in: zone.name).recordSets
        XCTAssertEqual(sets.filter { $0.name == "shop.\(zone.name)" }, [moved])

        try await r53.apply(DNSChangeBatch([.delete(moved), .delete(owner)]), to: zone.name)
        // Already gone: the batch is refused by the API, the provider finds why and succeeds.
        try await r53.apply(DNSChangeBatch([.delete(moved), .delete(owner)]), to: zone.name)
        sets = try await r53.listRecordSets(in: zone.name).recordSets
        XCTAssertFalse(sets.contains { $0.name.hasSuffix("shop.\(zone.name)") }, "\(sets)")
    }

    func testADeleteOfAGoneSetDoesNotStopTheOthersOfItsBatch() async throws {
        let zone = try await makeZone("mixed")
        let r53 = try provider()
        let gone = DNSRecordSet(name: "gone.\(zone.name)", type: .txt, ttl: 60, values: ["x"])
        let kept = DNSRecordSet(name: "kept.\(zone.name)", type: .a, ttl: 60, values: ["203.0.113.5"])
        let dropped = DNSRecordSet(name: "dropped.\(zone.name)", type: .a, ttl: 60, values: ["203.0.113.6"])
        try await r53.apply(DNSChangeBatch([.upsert(dropped)]), to: zone.name)
        try await r53.apply(DNSChangeBatch([.delete(gone), .delete(dropped), .upsert(kept)]), to: zone.name)
        let sets = try await r53.listRecordSets(in: zone.name).recordSets
        XCTAssertTrue(sets.contains(kept))
        XCTAssertFalse(sets.contains { $0.name == dropped.name })
    }

    func testListingFollowsEveryPage() async throws {
        let zone = try await makeZone("pages")
        let r53 = try provider()
        let sets = (0..<250).map { DNSRecordSet(name: "host" + String(format: "%03d", $0) + "." + zone.name, type: .a, ttl: 60, values: ["203.0.113.\($0 % 250 + 1)"]) }
        try await r53.apply(DNSChangeBatch(sets.map { .upsert($0) }), to: zone.name)
        let paged = try await provider(pageSize: 100).listRecordSets(in: zone.name).recordSets
        XCTAssertEqual(paged.count, 252, "250 sets, SOA and NS over three pages")
        XCTAssertEqual(Set(paged.filter { $0.type == "A" }), Set(sets))
        let onePage = try await r53.listRecordSets(in: zone.name).recordSets
        XCTAssertEqual(onePage, paged, "moto's default page (300) holds them all")
    }

    func testAChangeOverTheAPILimitsIsSplitIntoBatchesMotoAccepts() async throws {
        let zone = try await makeZone("batches")
        let r53 = try provider()
        // 600 upserts count 1,200 records: moto refuses more than 1,000 in one request, as AWS does.
        let sets = (0..<600).map { DNSRecordSet(name: "n\($0).\(zone.name)", type: .txt, ttl: 60, values: ["owner=fleet/t\($0)"]) }
        try await r53.apply(DNSChangeBatch(sets.map { .upsert($0) }), to: zone.name)
        let listed = try await r53.listRecordSets(in: zone.name).recordSets
        XCTAssertEqual(listed.filter { $0.type == "TXT" }.count, 600)
        try await r53.apply(DNSChangeBatch(sets.map { .delete($0) }), to: zone.name)
        let left = try await r53.listRecordSets(in: zone.name).recordSets
        XCTAssertEqual(left.count, 2)
    }

    func testAZoneThatDoesNotExistIsZoneNotFoundWithoutTheSecret() async throws {
        let r53 = try provider()
        do {
            _ = try await r53.listRecordSets(in: "nowhere-\(UUID().uuidString.prefix(6).lowercased()).test")
            XCTFail("nothing thrown")
        } catch let error as DNSProviderError {
            XCTAssertEqual(error.kind, .zoneNotFound, error.message)
        }
        do {
            _ = try await provider(hostedZoneID: "ZNOSUCHZONE").listRecordSets(in: "acme.test")
            XCTFail("nothing thrown")
        } catch let error as DNSProviderError {
            XCTAssertEqual(error.kind, .zoneNotFound, error.message)
            XCTAssertTrue(error.message.contains("NoSuchHostedZone"), error.message)
            XCTAssertFalse(error.message.contains(credentials.secretAccessKey))
        }
    }
}
