import Foundation
import XCTest

/// Tokens limited to path prefixes: Vault's 403 wording where the policy says no, 404 with an
/// empty error list for a missing path the token may read, so a client tells the two apart.
/// Namespaces: separate data, and a token acts only in its own namespace and those below it.
final class VaultSimPolicyTests: XCTestCase {
    var sim: VaultSimProcess!
    static let denied = ["1 error occurred:\n\t* permission denied\n\n"]

    override func setUpWithError() throws {
        sim = try VaultSimProcess(config: #"""
            {"namespaces": {"tenant-a": {"mounts": ["secret"]}, "tenant-b": {"mounts": ["secret"]}},
             "policies": {
               "acme-read": [{"path": "secret/data/tenants/acme/*", "capabilities": ["read"]},
                             {"path": "secret/metadata/tenants/*", "capabilities": ["read", "list"]}],
               "acme-write": [{"path": "secret/data/tenants/acme/*", "capabilities": ["update"]}],
               "deny-db": [{"path": "secret/data/tenants/acme/db", "capabilities": ["deny"]}],
               "ns-all": [{"path": "secret/*", "capabilities": ["create", "read", "update", "delete", "list"]}]},
             "tokens": [{"id": "reader", "policies": ["acme-read"]},
                        {"id": "updater", "policies": ["acme-read", "acme-write"]},
                        {"id": "denied-db", "policies": ["acme-read", "deny-db"]},
                        {"id": "tenant-a-token", "policies": ["ns-all"], "namespace": "tenant-a"}],
             "secrets": [{"path": "tenants/acme/db", "data": {"password": "x"}},
                         {"path": "tenants/globex/db", "data": {"password": "y"}}]}
            """#)
    }
    override func tearDown() { sim = nil }

    func testATokenReadsUnderItsPrefixAndNowhereElse() throws {
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/tenants/acme/db", token: "reader").status, 200)
        let elsewhere = try sim.curl("GET", "/v1/secret/data/tenants/globex/db", token: "reader")
        XCTAssertEqual(elsewhere.status, 403)
        XCTAssertEqual(elsewhere.errors, Self.denied)
        let missing = try sim.curl("GET", "/v1/secret/data/tenants/acme/nothing", token: "reader")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.body.trimmingCharacters(in: .whitespacesAndNewlines), #"{"errors":[]}"#)
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/tenants/globex/nothing", token: "reader").status, 403,
                       "outside the prefix a missing path is 403 too: nothing leaks")
    }

    func testCapabilitiesAreCheckedPerOperation() throws {
        XCTAssertEqual(try sim.curl("LIST", "/v1/secret/metadata/tenants", token: "reader").data?["keys"] as? [String], ["acme/", "globex/"])
        XCTAssertEqual(try sim.curl("LIST", "/v1/secret/metadata/", token: "reader").status, 403)
        let write = try sim.curl("POST", "/v1/secret/data/tenants/acme/db", token: "reader", body: #"{"data":{"a":"b"}}"#)
        XCTAssertEqual(write.status, 403)
        XCTAssertEqual(write.errors, Self.denied)
        XCTAssertEqual(try sim.curl("POST", "/v1/secret/data/tenants/acme/db", token: "updater", body: #"{"data":{"a":"b"}}"#).status, 200)
        XCTAssertEqual(try sim.curl("POST", "/v1/secret/data/tenants/acme/new", token: "updater", body: #"{"data":{"a":"b"}}"#).status, 403,
                       "a new key needs create, not update")
        XCTAssertEqual(try sim.curl("DELETE", "/v1/secret/data/tenants/acme/db", token: "updater").status, 403)
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/tenants/acme/db", token: "denied-db").status, 403, "deny wins")
        XCTAssertEqual(try sim.curl("GET", "/v1/auth/token/lookup-self", token: "reader").status, 200, "every token may look itself up")
    }

    func testNamespacesKeepTheirOwnData() throws {
        XCTAssertEqual(try sim.curl("POST", "/v1/secret/data/shop", namespace: "tenant-a", body: #"{"data":{"who":"a"}}"#).status, 200)
        XCTAssertEqual(try sim.curl("POST", "/v1/secret/data/shop", namespace: "tenant-b", body: #"{"data":{"who":"b"}}"#).status, 200)
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/shop", namespace: "tenant-a").data?["data"] as? [String: String], ["who": "a"])
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/shop", namespace: "tenant-b/").data?["data"] as? [String: String], ["who": "b"])
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/shop").status, 404, "the root namespace has its own data")
        let log = sim.requestLog().filter { $0.contains("/v1/secret/data/shop") }
        XCTAssertTrue(log.first?.hasSuffix(" ns=tenant-a token=root") ?? false, log.first ?? "")
    }

    func testATokenBelongsToItsNamespace() throws {
        XCTAssertEqual(try sim.curl("POST", "/v1/secret/data/app", token: "tenant-a-token", namespace: "tenant-a",
                                    body: #"{"data":{"k":"v"}}"#).status, 200)
        let lookup = try sim.curl("GET", "/v1/auth/token/lookup-self", token: "tenant-a-token", namespace: "tenant-a")
        XCTAssertEqual(lookup.data?["namespace_path"] as? String, "tenant-a/")
        let other = try sim.curl("GET", "/v1/secret/data/app", token: "tenant-a-token", namespace: "tenant-b")
        XCTAssertEqual(other.status, 403)
        XCTAssertEqual(other.errors, Self.denied)
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/app", token: "tenant-a-token").status, 403, "nor in the root namespace")
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/app", token: "reader", namespace: "tenant-a").status, 403,
                       "a root-namespace policy path does not reach into a child namespace")
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/app", namespace: "unknown").status, 403)
    }
}
