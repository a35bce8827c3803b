@testable import DNSDriver
import DNSPlanning
import XCTest

/// OVH's recorded answers (Fixtures/ovh, real eu.api.ovh.com traffic) through the provider's
/// decoders, and the writes planned for one record set.
final class OVHRecordTranslationTests: XCTestCase {
    func record(_ name: String) throws -> OVHRecord {
        try JSONDecoder().decode(OVHRecord.self, from: Fixtures.data("ovh/ovh-GET-domain-zone-record-id-\(name).json"))
    }

    func testRecordedRecordsBecomeNormalizedRecordSets() throws {
        let records = try ["A-apex", "A-sub", "CNAME", "MX", "NS", "TXT-quoted", "TXT"].map { try record($0) }
        let sets = OVHRecordValues.recordSets(records, zone: "pacalis.net")
        XCTAssertEqual(sets, [
            DNSRecordSet(name: "_acme-challenge.test.pacalis.net", type: "TXT", ttl: 3600, values: ["challengetoken"]),
            DNSRecordSet(name: "localhost.pacalis.net", type: "A", ttl: 3600, values: ["127.0.0.1"]),
            DNSRecordSet(name: "pacalis.net", type: "A", ttl: nil, values: ["213.186.33.5"]),
            DNSRecordSet(name: "pacalis.net", type: "MX", ttl: nil, values: ["1 redirect.ovh.net."]),
            DNSRecordSet(name: "pacalis.net", type: "NS", ttl: nil, values: ["dns103.ovh.net."]),
            DNSRecordSet(name: "pacalis.net", type: "TXT", ttl: nil, values: ["1|www.pacalis.net"]),
            DNSRecordSet(name: "www.pacalis.net", type: "CNAME", ttl: nil, values: ["pacalis.net"]),
        ].sorted())
    }

    func testTheRecordedIdListAndCreationAnswerDecode() throws {
        let ids = try JSONDecoder().decode([Int].self, from: Fixtures.data("ovh/ovh-GET-domain-zone-record-list-ids.json"))
        XCTAssertEqual(ids.count, 23)
        let created = try JSONDecoder().decode(OVHRecord.self, from: Fixtures.data("ovh/ovh-POST-domain-zone-record-response.json"))
        XCTAssertEqual(created, OVHRecord(id: 1553659879, zone: "pacalis.net", subDomain: "orig.test", fieldType: "TXT", target: "challengetoken", ttl: 3600))
    }

    func testOurCreationBodyHasTheRecordedFields() throws {
        let recorded = try XCTUnwrap(Fixtures.json("ovh/ovh-POST-domain-zone-record-request.json") as? [String: Any])
        let ours = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(
            OVHRecordCreation(fieldType: "TXT", subDomain: "orig.test", target: "challengetoken", ttl: 3600))) as? [String: Any])
        XCTAssertEqual(Set(ours.keys), Set(recorded.keys))
        XCTAssertEqual(ours as NSDictionary, recorded as NSDictionary)
    }

    func testCNAMETargetsAreWrittenAbsolute() {
        XCTAssertEqual(OVHRecordValues.target(fromValue: "lb.bibind.com", type: "CNAME"), "lb.bibind.com.")
        XCTAssertEqual(OVHRecordValues.value(fromTarget: "LB.Bibind.com.", type: "CNAME"), "lb.bibind.com")
    }

    func testQuotedTXTIsReadAsItsText() {
        XCTAssertEqual(TXTText.unquoted(#""v=spf1 -all""#), "v=spf1 -all")
        XCTAssertEqual(TXTText.unquoted(#""part one" "part \"two\"""#), #"part onepart "two""#)
        XCTAssertEqual(TXTText.unquoted("bare text"), "bare text")
        XCTAssertEqual(TXTText.quoted(#"say "hi""#), #""say \"hi\"""#)
        XCTAssertEqual(TXTText.quoted(String(repeating: "a", count: 300)), "\"\(String(repeating: "a", count: 255))\" \"\(String(repeating: "a", count: 45))\"")
    }

    func existing(_ id: Int, _ target: String, ttl: Int = 0) -> OVHRecord {
        OVHRecord(id: id, zone: "acme.fr", subDomain: "www", fieldType: "A", target: target, ttl: ttl)
    }

    func testAMatchingSetNeedsNoCall() {
        let desired = DNSRecordSet(name: "www.acme.fr", type: .a, ttl: 300, values: ["203.0.113.1", "203.0.113.2"])
        XCTAssertEqual(OVHRecordWrites.plan(existing: [existing(2, "203.0.113.2", ttl: 300), existing(1, "203.0.113.1", ttl: 300)], desired: desired), [])
    }

    func testOtherValuesAreRewrittenInPlaceThenCreatedOrDeleted() {
        let desired = DNSRecordSet(name: "www.acme.fr", type: .a, ttl: nil, values: ["203.0.113.1", "203.0.113.9", "203.0.113.10"])
        XCTAssertEqual(OVHRecordWrites.plan(existing: [existing(1, "203.0.113.1", ttl: 60), existing(2, "198.51.100.7")], desired: desired), [
            .update(id: 1, target: "203.0.113.1", ttl: 0),
            .update(id: 2, target: "203.0.113.10", ttl: 0),
            .create(target: "203.0.113.9", ttl: 0),
        ])
        let one = DNSRecordSet(name: "www.acme.fr", type: .a, ttl: nil, values: ["203.0.113.1"])
        XCTAssertEqual(OVHRecordWrites.plan(existing: [existing(1, "203.0.113.1"), existing(2, "203.0.113.1"), existing(3, "198.51.100.7")], desired: one),
                       [.delete(id: 2), .delete(id: 3)])
    }

    func testADeletionDeletesEveryRecordOfTheSet() {
        XCTAssertEqual(OVHRecordWrites.plan(existing: [existing(7, "a"), existing(3, "b")], desired: nil), [.delete(id: 3), .delete(id: 7)])
    }
}
