@testable import DNSDriver
import DNSPlanning
import XCTest

/// dig's AXFR output as bind9 9.18 prints it (captured from the test server), and the hostile
/// forms the parser must refuse or read without guessing.
final class DigZoneParserTests: XCTestCase {
    static let transfer = """
    acme.test.\t\t300\tIN\tSOA\tns1.acme.test. admin.acme.test. 2 3600 900 604800 300
    acme.test.\t\t300\tIN\tNS\tns1.acme.test.
    foreign.acme.test.\t300\tIN\tA\t192.0.2.9
    ns1.acme.test.\t\t300\tIN\tA\t127.0.0.1
    www.acme.test.\t\t300\tIN\tA\t1.2.3.4
    www.acme.test.\t\t300\tIN\tA\t1.2.3.5
    Shop.ACME.test.\t\t60\tIN\tCNAME\tLB.Example.NET.
    _tenantctl.www.acme.test. 300\tIN\tTXT\t"heritage=tenantctl,a\\"b" "second"
    note.acme.test.\t300\tIN\tTXT\t"caf\\195\\169 \\\\ ok"
    acme.test.\t\t300\tIN\tSOA\tns1.acme.test. admin.acme.test. 2 3600 900 604800 300

    """

    func testATransferReadsIntoRecordSets() throws {
        let listing = try DigZoneParser.parse(Self.transfer, zone: "acme.test")
        XCTAssertEqual(listing.serial, "2")
        let sets = Dictionary(uniqueKeysWithValues: listing.recordSets.map { ($0.key.description, $0) })
        XCTAssertEqual(sets["www.acme.test A"]?.values, ["1.2.3.4", "1.2.3.5"])
        XCTAssertEqual(sets["shop.acme.test CNAME"], DNSRecordSet(name: "shop.acme.test", type: .cname, ttl: 60, values: ["lb.example.net"]))
        XCTAssertEqual(sets["_tenantctl.www.acme.test TXT"]?.values, ["heritage=tenantctl,a\"bsecond"], "strings joined, escapes read")
        XCTAssertEqual(sets["note.acme.test TXT"]?.values, ["café \\ ok"], "\\DDD bytes are UTF-8")
        XCTAssertEqual(sets["acme.test SOA"]?.values.count, 1, "the closing SOA is the same record")
    }

    func testAnAnswerWithoutSOAIsNotAZone() {
        XCTAssertThrowsError(try DigZoneParser.parse("; Transfer failed.\n", zone: "acme.test"))
    }

    func testAnUnreadableLineFailsTheWholeListing() {
        XCTAssertThrowsError(try DigZoneParser.parse(Self.transfer + "garbage line\n", zone: "acme.test"))
        XCTAssertThrowsError(try DigZoneParser.parse(Self.transfer + "x.acme.test. 300 IN TXT \"unterminated\n", zone: "acme.test"))
        XCTAssertThrowsError(try DigZoneParser.parse(Self.transfer + "x.acme.test. 300 IN TXT \"\\999\"\n", zone: "acme.test"))
    }

    func testTXTQuotingRoundTripsThroughTheParser() throws {
        for text in ["plain", "with \"quotes\" and \\ backslash", "tab\there", String(repeating: "é", count: 200), ""] {
            XCTAssertEqual(try ZoneFileText.unquote(ZoneFileText.quote(text)), text)
        }
        XCTAssertEqual(ZoneFileText.quote(String(repeating: "a", count: 300)).components(separatedBy: "\" \"").count, 2, "split at 255 bytes")
    }

    func testFailuresAreClassifiedWithoutTheOutputsNoise() {
        XCTAssertEqual(RFC2136Provider.digFailure(";; Couldn't verify signature: tsig indicates error\n; Transfer failed.", exitCode: 0, zone: "z", host: "h")?.kind, .unauthorized)
        XCTAssertEqual(RFC2136Provider.digFailure(";; Connection to 127.0.0.1#1(127.0.0.1) for z. failed: connection refused.\n;; no servers could be reached", exitCode: 9, zone: "z", host: "h")?.kind, .transient)
        XCTAssertEqual(RFC2136Provider.digFailure("; Transfer failed.", exitCode: 0, zone: "z", host: "h")?.kind, .permanent)
        XCTAssertNil(RFC2136Provider.digFailure(Self.transfer, exitCode: 0, zone: "z", host: "h"))
        XCTAssertEqual(RFC2136Provider.updateFailure("; TSIG error with server: tsig indicates error\nupdate failed: NOTAUTH(BADSIG)", zone: "z", host: "h").kind, .unauthorized)
    }

    func testAKeyFileCannotBeBrokenOutOf() {
        XCTAssertThrowsError(try TSIGKey(name: "k", algorithm: "hmac-sha256", secret: "abc\"; };"))
        XCTAssertThrowsError(try TSIGKey(name: "k\" {", algorithm: "hmac-sha256", secret: "YWJj"))
        XCTAssertThrowsError(try TSIGKey(name: "k", algorithm: "rot13", secret: "YWJj"))
        do {
            _ = try TSIGKey(name: "k", algorithm: "hmac-sha256", secret: "not base64 s3cret!")
        } catch {
            XCTAssertFalse("\(error)".contains("s3cret"), "the secret is never in a message")
        }
    }

    func testServersAreReadAsHostAndPort() throws {
        XCTAssertTrue(try RFC2136Provider.hostPort("ns1.bibind.com:53") == ("ns1.bibind.com", 53))
        XCTAssertTrue(try RFC2136Provider.hostPort("dns://127.0.0.1:5353") == ("127.0.0.1", 5353))
        XCTAssertTrue(try RFC2136Provider.hostPort("[::1]:53") == ("::1", 53))
        XCTAssertTrue(try RFC2136Provider.hostPort("ns1") == ("ns1", 53))
        XCTAssertThrowsError(try RFC2136Provider.hostPort("ns1:99999"))
    }
}
