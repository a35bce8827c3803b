import Foundation
import XCTest

/// sys/health's status codes and body (api-docs/system/health), and the seal: a sealed Vault
/// answers nothing but health and seal status.
final class VaultSimHealthTests: XCTestCase {
    var sim: VaultSimProcess!

    override func setUpWithError() throws { sim = try VaultSimProcess() }
    override func tearDown() { sim = nil }

    func health(_ query: String = "") throws -> CurlResult { try sim.curl("GET", "/v1/sys/health" + query, anonymous: true) }

    func testAnActiveVaultAnswers200WithTheDocumentedFields() throws {
        let result = try health()
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.contentType, "application/json")
        let json = try XCTUnwrap(result.json)
        for key in ["initialized", "sealed", "standby", "performance_standby", "replication_performance_mode",
                    "replication_dr_mode", "server_time_utc", "version", "cluster_name", "cluster_id"] {
            XCTAssertNotNil(json[key], key)
        }
        XCTAssertEqual(json["initialized"] as? Bool, true)
        XCTAssertEqual(json["sealed"] as? Bool, false)
        XCTAssertEqual(json["standby"] as? Bool, false)
        XCTAssertNotNil((json["version"] as? String)?.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression))
        XCTAssertEqual(try sim.curl("HEAD", "/v1/sys/health", anonymous: true, headers: []).status, 200)
    }

    func testStandbySealedAndUninitialisedHaveTheirCodes() throws {
        try sim.admin("standby", #"{"standby": true}"#)
        XCTAssertEqual(try health().status, 429)
        XCTAssertEqual(try health().json?["standby"] as? Bool, true)
        XCTAssertEqual(try health("?standbyok=true").status, 200)
        XCTAssertEqual(try health("?standbycode=200").status, 200)
        try sim.admin("standby", #"{"standby": false}"#)

        try sim.admin("seal")
        let sealed = try health()
        XCTAssertEqual(sealed.status, 503)
        XCTAssertEqual(sealed.json?["sealed"] as? Bool, true)
        XCTAssertEqual(try health("?sealedcode=200").status, 200)
        try sim.admin("unseal")
        XCTAssertEqual(try health().status, 200)

        try sim.admin("initialized", #"{"initialized": false}"#)
        let uninitialised = try health()
        XCTAssertEqual(uninitialised.status, 501)
        XCTAssertEqual(uninitialised.json?["initialized"] as? Bool, false)
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/metadata/x").status, 503)
    }

    func testASealedVaultAnswersEveryOtherEndpointWith503() throws {
        XCTAssertEqual(try sim.curl("POST", "/v1/secret/data/app", body: #"{"data":{"a":"b"}}"#).status, 200)
        try sim.admin("seal")
        for (method, path) in [("GET", "/v1/secret/data/app"), ("LIST", "/v1/secret/metadata/"),
                               ("GET", "/v1/auth/token/lookup-self"), ("POST", "/v1/auth/approle/login")] {
            let result = try sim.curl(method, path, body: method == "POST" ? "{}" : nil)
            XCTAssertEqual(result.status, 503, path)
            XCTAssertEqual(result.errors, ["Vault is sealed"], path)
        }
        let sealStatus = try sim.curl("GET", "/v1/sys/seal-status", anonymous: true)
        XCTAssertEqual(sealStatus.status, 200)
        XCTAssertEqual(sealStatus.json?["sealed"] as? Bool, true)
        try sim.admin("unseal")
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/app").data?["data"] as? [String: String], ["a": "b"], "unsealing keeps the data")
    }
}
