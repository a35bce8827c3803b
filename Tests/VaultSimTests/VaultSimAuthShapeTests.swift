import Foundation
import XCTest

/// Token and AppRole answers checked through curl against api-docs/auth/token and
/// api-docs/auth/approle: lookup-self's data, the `auth` block of login and renewal, TTLs.
final class VaultSimAuthShapeTests: XCTestCase {
    static let authKeys: Set<String> = ["client_token", "accessor", "policies", "token_policies", "metadata", "lease_duration",
                                        "renewable", "entity_id", "token_type", "orphan", "mfa_requirement", "num_uses"]
    var sim: VaultSimProcess!

    override func setUpWithError() throws {
        sim = try VaultSimProcess(config: #"""
            {"policies": {"app-read": [{"path": "secret/data/app/*", "capabilities": ["read"]}]},
             "approles": [{"role_name": "tenantctl", "role_id": "role-1", "secret_id": "secret-1",
                           "policies": ["app-read"], "token_ttl": "20m", "token_max_ttl": "1h"}],
             "tokens": [{"id": "short-lived", "policies": ["app-read"], "ttl": 600, "max_ttl": "30m"},
                        {"id": "fixed", "policies": ["app-read"], "ttl": "10m", "renewable": false}]}
            """#)
    }
    override func tearDown() { sim = nil }

    func testLookupSelfDescribesTheToken() throws {
        let result = try sim.curl("GET", "/v1/auth/token/lookup-self", token: "short-lived")
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.json?["mount_type"] as? String, "token")
        let data = try XCTUnwrap(result.data)
        for key in ["accessor", "creation_time", "creation_ttl", "display_name", "entity_id", "expire_time", "explicit_max_ttl",
                    "id", "issue_time", "meta", "num_uses", "orphan", "path", "policies", "renewable", "ttl", "type"] {
            XCTAssertNotNil(data[key], key)
        }
        XCTAssertEqual(data["id"] as? String, "short-lived")
        XCTAssertEqual(data["policies"] as? [String], ["app-read", "default"])
        XCTAssertEqual(data["creation_ttl"] as? Int, 600)
        XCTAssertEqual(data["explicit_max_ttl"] as? Int, 1800)
        XCTAssertEqual(data["renewable"] as? Bool, true)
        XCTAssertEqual(data["type"] as? String, "service")
        let ttl = try XCTUnwrap(data["ttl"] as? Int)
        XCTAssertTrue((595...600).contains(ttl), "\(ttl)")
        XCTAssertNotNil(data["expire_time"] as? String)

        let root = try sim.curl("GET", "/v1/auth/token/lookup-self", headers: [])
        XCTAssertEqual(root.data?["policies"] as? [String], ["root"])
        XCTAssertTrue(root.data?["expire_time"] is NSNull, "the root token never expires")
        XCTAssertEqual(root.data?["ttl"] as? Int, 0)
    }

    func testTheBearerHeaderCarriesATokenToo() throws {
        let result = try sim.curl("GET", "/v1/auth/token/lookup-self", anonymous: true, headers: ["Authorization: Bearer short-lived"])
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.data?["id"] as? String, "short-lived")
    }

    func testRenewSelfExtendsByTheIncrementUpToTheMaxTTL() throws {
        try sim.admin("clock/advance", #"{"seconds": 300}"#)
        let renewed = try sim.curl("POST", "/v1/auth/token/renew-self", token: "short-lived", body: #"{"increment": "15m"}"#)
        XCTAssertEqual(renewed.status, 200)
        let json = try XCTUnwrap(renewed.json)
        XCTAssertTrue(json["data"] is NSNull)
        let auth = try XCTUnwrap(json["auth"] as? [String: Any])
        XCTAssertEqual(Set(auth.keys), Self.authKeys)
        XCTAssertEqual(auth["client_token"] as? String, "short-lived")
        XCTAssertEqual(auth["lease_duration"] as? Int, 900)
        XCTAssertEqual(auth["renewable"] as? Bool, true)
        XCTAssertTrue(json["warnings"] is NSNull)

        // 300 s into a 1800 s max: asking for an hour gets the 1500 s left (less the real time the
        // test took, so 1499 or 1500), and a warning.
        let capped = try sim.curl("POST", "/v1/auth/token/renew-self", token: "short-lived", body: #"{"increment": 3600}"#)
        let lease = try XCTUnwrap((capped.json?["auth"] as? [String: Any])?["lease_duration"] as? Int)
        XCTAssertTrue((1498...1500).contains(lease), "\(lease)")
        let warnings = try XCTUnwrap(capped.json?["warnings"] as? [String])
        XCTAssertEqual(warnings.count, 1)
        XCTAssertNotNil(warnings.first?.range(
            of: #"^TTL of "1h0m0s" exceeded the effective max_ttl of "(25m0s|24m59s|24m58s)"; TTL value is capped accordingly$"#,
            options: .regularExpression), warnings.first ?? "")
        let ttl = try XCTUnwrap(try sim.curl("GET", "/v1/auth/token/lookup-self", token: "short-lived").data?["ttl"] as? Int)
        XCTAssertTrue((1497...1500).contains(ttl), "\(ttl)")
    }

    func testANonRenewableTokenIsRefused() throws {
        let result = try sim.curl("POST", "/v1/auth/token/renew-self", token: "fixed", body: "{}")
        XCTAssertEqual(result.status, 400)
        XCTAssertEqual(result.errors, ["lease is not renewable"])
    }

    func testAppRoleLoginReturnsTheAuthBlock() throws {
        let result = try sim.curl("POST", "/v1/auth/approle/login", anonymous: true, body: #"{"role_id":"role-1","secret_id":"secret-1"}"#)
        XCTAssertEqual(result.status, 200)
        let json = try XCTUnwrap(result.json)
        XCTAssertEqual(Set(json.keys), VaultSimKVShapeTests.envelopeKeys)
        XCTAssertTrue(json["data"] is NSNull)
        let auth = try XCTUnwrap(json["auth"] as? [String: Any])
        XCTAssertEqual(Set(auth.keys), Self.authKeys)
        let token = try XCTUnwrap(auth["client_token"] as? String)
        XCTAssertTrue(token.hasPrefix("hvs."), token)
        XCTAssertEqual((auth["accessor"] as? String)?.count, 24)
        XCTAssertEqual(auth["policies"] as? [String], ["app-read", "default"])
        XCTAssertEqual(auth["lease_duration"] as? Int, 1200)
        XCTAssertEqual(auth["renewable"] as? Bool, true)
        XCTAssertEqual(auth["metadata"] as? [String: String], ["role_name": "tenantctl"])

        let lookup = try sim.curl("GET", "/v1/auth/token/lookup-self", token: token)
        XCTAssertEqual(lookup.data?["path"] as? String, "auth/approle/login")
        XCTAssertEqual(lookup.data?["explicit_max_ttl"] as? Int, 3600)
    }

    func testAppRoleLoginRefusesAWrongSecretID() throws {
        let result = try sim.curl("POST", "/v1/auth/approle/login", anonymous: true, body: #"{"role_id":"role-1","secret_id":"nope"}"#)
        XCTAssertEqual(result.status, 400)
        XCTAssertEqual(result.errors, ["invalid role or secret ID"])
        let unknownRole = try sim.curl("POST", "/v1/auth/approle/login", anonymous: true, body: #"{"role_id":"x","secret_id":"secret-1"}"#)
        XCTAssertEqual(unknownRole.errors, ["invalid role or secret ID"])
    }
}
