@testable import DNSDriver
import DNSPlanning
import XCTest

/// Route 53's recorded answers (Fixtures/route53, real AWS traffic) through the decoders, and the
/// change batches: their XML and their splitting to the API's limits.
final class Route53DecodingTests: XCTestCase {
    func testTheRecordedRecordSetsDecodeNormalized() throws {
        let page = try Route53Decoding.recordPage(Fixtures.data("route53/route53-ListResourceRecordSets-response.xml"))
        XCTAssertEqual(page.recordSets.count, 16)
        XCTAssertFalse(page.isTruncated)
        XCTAssertNil(page.nextRecordName)
        XCTAssertTrue(page.recordSets.contains(DNSRecordSet(name: "fullcr1stal.tk", type: "NS", ttl: 172800, values: [
            "ns-1283.awsdns-32.org.", "ns-1983.awsdns-55.co.uk.", "ns-422.awsdns-52.com.", "ns-831.awsdns-39.net.",
        ])))
        XCTAssertTrue(page.recordSets.contains(DNSRecordSet(name: "_acme-challenge.createrecordset.fullcr1stal.tk", type: "TXT", ttl: 3600,
                                                            values: ["challengetoken1", "challengetoken2"])))
        let docs = try XCTUnwrap(page.recordSets.first { $0.name == "docs.fullcr1stal.tk" })
        XCTAssertEqual(docs.type, "CNAME")
        XCTAssertEqual(docs.values, ["docs.example.com"])
        XCTAssertTrue(page.recordSets.allSatisfy { !$0.name.hasSuffix(".") && $0.name == $0.name.lowercased() })
        XCTAssertTrue(page.recordSets.filter { $0.type == "TXT" }.allSatisfy { $0.values.allSatisfy { !$0.hasPrefix("\"") } })
    }

    func testTheRecordedHostedZoneAndChangeInfoDecode() throws {
        let zones = try Route53Decoding.hostedZones(Fixtures.data("route53/route53-ListHostedZonesByName-response.xml"))
        XCTAssertEqual(zones, [Route53HostedZone(id: "Z040120927RX9CM38HPQQ", name: "fullcr1stal.tk", privateZone: false)])
        for action in ["CREATE", "UPSERT", "DELETE"] {
            let info = try Route53Decoding.changeInfo(Fixtures.data("route53/route53-ChangeResourceRecordSets-\(action)-response.xml"))
            XCTAssertEqual(info.status, "PENDING")
            XCTAssertFalse(info.id.hasPrefix("/change/"))
        }
    }

    func testOurDeleteHasTheRecordedChangeOfARecordedDelete() throws {
        let recorded = try XMLNode.parse(Fixtures.data("route53/route53-ChangeResourceRecordSets-DELETE-request.xml"))
        let set = DNSRecordSet(name: "delete.testid.fullcr1stal.tk", type: .txt, ttl: 3600, values: ["challengetoken"])
        let ours = try XMLNode.parse(Data(Route53ChangeBatches.body([.delete(set)]).utf8))
        XCTAssertEqual(ours.name, recorded.name)
        XCTAssertEqual(ours.first("Changes"), recorded.first("Changes"))
    }

    func testErrorAnswersDecode() {
        let generic = #"<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>"#
        XCTAssertEqual(Route53Decoding.error(Data(generic.utf8)), Route53Error(code: "Throttling", messages: ["Rate exceeded"]))
        let batch = #"<?xml version="1.0"?><InvalidChangeBatch xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Messages><Message>Tried to delete resource record set [name='x.acme.fr.', type='TXT'] but it was not found</Message></Messages><RequestId>r</RequestId></InvalidChangeBatch>"#
        XCTAssertEqual(Route53Decoding.error(Data(batch.utf8))?.code, "InvalidChangeBatch")
    }

    func testNamesAreUnescapedAndValuesQuoted() {
        XCTAssertEqual(Route53Names.decode("\\052.Acme.fr."), "*.acme.fr")
        XCTAssertEqual(Route53Names.encode("WWW.acme.fr"), "www.acme.fr.")
        XCTAssertEqual(Route53Values.route53Value(fromValue: "v=spf1 -all", type: "TXT"), "\"v=spf1 -all\"")
        XCTAssertEqual(Route53Values.route53Value(fromValue: "lb.bibind.com", type: "CNAME"), "lb.bibind.com.")
        let body = Route53ChangeBatches.body([.upsert(DNSRecordSet(name: "a.acme.fr", type: .txt, ttl: nil, values: ["x<y & \"z\""]))])
        XCTAssertTrue(body.contains("<Value>&quot;x&lt;y &amp; \\&quot;z\\&quot;&quot;</Value>"), body)
        XCTAssertTrue(body.contains("<TTL>300</TTL>"), "a set without TTL gets the default")
    }

    func testBatchesAreSplitAtTheRecordAndCharacterLimits() {
        // `length` counts the two quotes Route 53's TXT values carry.
        func set(_ index: Int, values: Int, length: Int = 10) -> DNSRecordSet {
            DNSRecordSet(name: "r\(index).acme.fr", type: .txt, ttl: 60,
                         values: (0..<values).map { String(repeating: "v", count: length - 2 - String($0).count) + String($0) })
        }
        // 600 upserts of one record count 1,200: two batches.
        let upserts = (0..<600).map { DNSChangeBatch.Entry.upsert(set($0, values: 1)) }
        let split = Route53ChangeBatches.split(upserts)
        XCTAssertEqual(split.map(\.count), [500, 100])
        XCTAssertEqual(split.flatMap { $0 }, upserts, "order kept")
        // Deletions count once.
        XCTAssertEqual(Route53ChangeBatches.split((0..<1000).map { .delete(set($0, values: 1)) }).count, 1)
        // 40 upserts of two 250-character values, counted twice: 1,000 characters a change, 32
        // changes a batch. (A TXT value over 255 bytes becomes several quoted strings.)
        let long = (0..<40).map { DNSChangeBatch.Entry.upsert(set($0, values: 2, length: 250)) }
        XCTAssertEqual(Route53ChangeBatches.split(long).map(\.count), [32, 8])
    }
}
