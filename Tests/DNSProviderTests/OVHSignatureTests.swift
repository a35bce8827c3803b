@testable import DNSDriver
import XCTest

/// OVH's signature, `"$1$" + sha1(AS+"+"+CK+"+"+METHOD+"+"+URL+"+"+BODY+"+"+TS)`, against vectors
/// computed for these tests with Python's hashlib from the documented algorithm (the keys are
/// made up).
final class OVHSignatureTests: XCTestCase {
    let secret = "tenantctl-test-application-secret"
    let consumer = "tenantctl-test-consumer-key"

    func testAGetWithAQuerySignsTheWholeURL() {
        XCTAssertEqual(
            OVHSignature.sign(applicationSecret: secret, consumerKey: consumer, method: "GET",
                              url: "https://eu.api.ovh.com/1.0/domain/zone/acme.fr/record?fieldType=TXT&subDomain=_owner.www",
                              body: "", timestamp: 1_764_400_000),
            "$1$f2d812fbdfaed41e6b669e371ad197f7ab7ee6bf")
    }

    func testAPostSignsItsBody() {
        XCTAssertEqual(
            OVHSignature.sign(applicationSecret: secret, consumerKey: consumer, method: "post",
                              url: "https://eu.api.ovh.com/1.0/domain/zone/acme.fr/record",
                              body: #"{"fieldType":"A","subDomain":"www","target":"203.0.113.10","ttl":300}"#, timestamp: 1_764_400_000),
            "$1$d1c4997a998dc224afbaf76dcc858d7211d63e56")
    }

    func testNamedEndpointsAndExplicitURLs() throws {
        XCTAssertEqual(try OVHEndpoint("ovh-eu").baseURL, "https://eu.api.ovh.com/1.0")
        XCTAssertEqual(try OVHEndpoint("ovh-ca").baseURL, "https://ca.api.ovh.com/1.0")
        XCTAssertEqual(try OVHEndpoint("ovh-us").baseURL, "https://api.us.ovhcloud.com/1.0")
        XCTAssertEqual(try OVHEndpoint("http://127.0.0.1:9/1.0/").baseURL, "http://127.0.0.1:9/1.0")
        XCTAssertThrowsError(try OVHEndpoint("ovh-mars"))
    }

    func testCredentialsNeverDescribeTheirValues() {
        let credentials = OVHCredentials(applicationKey: "ak-canary", applicationSecret: "as-canary", consumerKey: "ck-canary")
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in ["\(credentials)", String(reflecting: credentials), dumped] {
            XCTAssertFalse(text.contains("canary"), text)
        }
    }
}
