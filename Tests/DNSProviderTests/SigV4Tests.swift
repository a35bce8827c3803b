@testable import DNSDriver
import Foundation
import XCTest

/// The signer against AWS's published Signature Version 4 examples ("get-vanilla" and
/// "get-vanilla-query-order-key-case" of the SigV4 test suite: credentials AKIDEXAMPLE /
/// wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, region us-east-1, service `service`, time
/// 20150830T123600Z, host example.amazonaws.com).
final class SigV4Tests: XCTestCase {
    let signer = SigV4Signer(credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                             region: "us-east-1", service: "service")
    let headers = [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")]

    func testGetVanilla() {
        let parts = signer.signature(method: "GET", path: "/", query: "", headers: headers, payload: [], time: "20150830T123600Z")
        XCTAssertEqual(parts.canonicalRequest, """
            GET
            /

            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        XCTAssertEqual(parts.stringToSign, """
            AWS4-HMAC-SHA256
            20150830T123600Z
            20150830/us-east-1/service/aws4_request
            bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63
            """)
        XCTAssertEqual(parts.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    func testGetVanillaQueryOrderKeyCase() {
        let parts = signer.signature(method: "GET", path: "/", query: "Param2=value2&Param1=value1", headers: headers, payload: [], time: "20150830T123600Z")
        XCTAssertEqual(parts.signature, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
    }

    func testTheAuthorizationHeaderOfARequest() throws {
        let date = try XCTUnwrap(ISO8601DateFormatter().date(from: "2015-08-30T12:36:00Z"))
        let signed = signer.sign(method: "GET", url: try XCTUnwrap(URL(string: "https://example.amazonaws.com/")), body: [], date: date)
        XCTAssertEqual(signed["X-Amz-Date"], "20150830T123600Z")
        XCTAssertEqual(signed["Authorization"],
                       "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        XCTAssertNil(signed["X-Amz-Security-Token"])
    }

    func testASessionTokenIsSentAndSigned() throws {
        let temporary = SigV4Signer(credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token-value"),
                                    region: "us-east-1", service: "route53")
        let signed = temporary.sign(method: "GET", url: try XCTUnwrap(URL(string: "http://127.0.0.1:5000/2013-04-01/hostedzonesbyname?dnsname=acme.fr.")), body: [], date: Date())
        XCTAssertEqual(signed["X-Amz-Security-Token"], "token-value")
        XCTAssertTrue(signed["Authorization"]?.contains("SignedHeaders=host;x-amz-date;x-amz-security-token") ?? false)
        XCTAssertEqual(SigV4Signer.hostHeader(try XCTUnwrap(URL(string: "http://127.0.0.1:5000/x"))), "127.0.0.1:5000")
        XCTAssertEqual(SigV4Signer.hostHeader(try XCTUnwrap(URL(string: "https://route53.amazonaws.com:443/x"))), "route53.amazonaws.com")
    }

    /// The same requests signed by botocore (AWS's Python SDK core, installed with moto): query
    /// strings with characters to encode, bodies, a session token, both services tenantctl uses.
    func testSignaturesAgreeWithBotocore() throws {
        guard try ChildProcess.run(["python3", "-c", "import botocore"]).status == 0 else {
            throw XCTSkip("botocore is not installed: run `make python-deps` (moto brings it)")
        }
        let script = try XCTUnwrap(Bundle.module.url(forResource: "botocore_sign", withExtension: "py", subdirectory: "Scripts"))
        let date = try XCTUnwrap(ISO8601DateFormatter().date(from: "2026-11-29T10:10:10Z"))
        let cases: [(method: String, url: String, body: String, service: String, token: String?)] = [
            ("GET", "https://route53.amazonaws.com/2013-04-01/hostedzonesbyname?dnsname=acme.fr.&maxitems=10", "", "route53", nil),
            ("GET", "http://127.0.0.1:5000/2013-04-01/hostedzone/Z1/rrset?name=%2A.acme.fr.&type=TXT&maxitems=1", "", "route53", nil),
            ("POST", "http://127.0.0.1:5000/2013-04-01/hostedzone/Z1/rrset", "<ChangeResourceRecordSetsRequest/>", "route53", "session-token"),
            ("POST", "https://route53domains.us-east-1.amazonaws.com/", #"{"DomainName":"acme.fr"}"#, "route53domains", nil),
        ]
        for item in cases {
            let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: item.token)
            let ours = SigV4Signer(credentials: credentials, region: "us-east-1", service: item.service)
                .sign(method: item.method, url: try XCTUnwrap(URL(string: item.url)), body: Array(item.body.utf8), date: date)["Authorization"]
            var arguments = ["python3", script.path, item.method, item.url, item.body, "20261129T101010Z", credentials.accessKeyId,
                             credentials.secretAccessKey, "us-east-1", item.service]
            if let token = item.token { arguments.append(token) }
            let theirs = try ChildProcess.run(arguments)
            XCTAssertEqual(theirs.status, 0, theirs.output)
            XCTAssertEqual(ours, theirs.output.trimmingCharacters(in: .whitespacesAndNewlines), "\(item.method) \(item.url)")
        }
    }

    func testCredentialsNeverDescribeTheirValues() {
        let credentials = AWSCredentials(accessKeyId: "AKID-canary", secretAccessKey: "secret-canary", sessionToken: "token-canary")
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in ["\(credentials)", String(reflecting: credentials), dumped] {
            XCTAssertFalse(text.contains("canary"), text)
        }
    }
}
