import Foundation
import XCTest

/// KV v2 answers checked through curl against the shapes of Vault's API documentation
/// (api-docs/secret/kv/kv-v2): the envelope, `data.data` and `data.metadata`, versions keyed by
/// their number as a string, list keys with folders ending in `/`, and the 404s.
final class VaultSimKVShapeTests: XCTestCase {
    static let envelopeKeys: Set<String> = ["request_id", "lease_id", "renewable", "lease_duration", "data", "wrap_info",
                                            "warnings", "auth", "mount_type"]
    static let versionKeys: Set<String> = ["created_time", "custom_metadata", "deletion_time", "destroyed", "version"]

    var sim: VaultSimProcess!

    override func setUpWithError() throws { sim = try VaultSimProcess() }
    override func tearDown() { sim = nil }

    func write(_ path: String, _ data: String, cas: Int? = nil) throws -> CurlResult {
        let options = cas.map { ",\"options\":{\"cas\":\($0)}" } ?? ""
        return try sim.curl("POST", "/v1/secret/data/\(path)", body: "{\"data\":\(data)\(options)}")
    }

    func testAWriteAnswersTheEnvelopeWithTheNewVersionsMetadata() throws {
        let result = try write("app/db", #"{"password":"s3cr3t"}"#)
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.contentType, "application/json")
        let json = try XCTUnwrap(result.json)
        XCTAssertEqual(Set(json.keys), Self.envelopeKeys)
        XCTAssertEqual(json["lease_id"] as? String, "")
        XCTAssertEqual(json["renewable"] as? Bool, false)
        XCTAssertEqual(json["lease_duration"] as? Int, 0)
        XCTAssertEqual(json["mount_type"] as? String, "kv")
        XCTAssertTrue(json["wrap_info"] is NSNull && json["warnings"] is NSNull && json["auth"] is NSNull)
        XCTAssertEqual((json["request_id"] as? String)?.count, 36, "a UUID")
        let data = try XCTUnwrap(result.data)
        XCTAssertEqual(Set(data.keys), Self.versionKeys)
        XCTAssertEqual(data["version"] as? Int, 1)
        XCTAssertEqual(data["deletion_time"] as? String, "")
        XCTAssertEqual(data["destroyed"] as? Bool, false)
        let created = try XCTUnwrap(data["created_time"] as? String)
        XCTAssertNotNil(created.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$"#, options: .regularExpression), created)
        XCTAssertFalse(result.body.contains("s3cr3t"), "a write answer never echoes the value")
    }

    func testAReadAnswersDataAndMetadataAndAGivenVersion() throws {
        _ = try write("app/db", #"{"password":"one"}"#)
        _ = try write("app/db", #"{"password":"two","user":"shop"}"#)
        let latest = try sim.curl("GET", "/v1/secret/data/app/db")
        XCTAssertEqual(latest.status, 200)
        XCTAssertEqual(Set(try XCTUnwrap(latest.json).keys), Self.envelopeKeys)
        let data = try XCTUnwrap(latest.data)
        XCTAssertEqual(Set(data.keys), ["data", "metadata"])
        XCTAssertEqual(data["data"] as? [String: String], ["password": "two", "user": "shop"])
        let metadata = try XCTUnwrap(data["metadata"] as? [String: Any])
        XCTAssertEqual(Set(metadata.keys), Self.versionKeys)
        XCTAssertEqual(metadata["version"] as? Int, 2)

        let first = try sim.curl("GET", "/v1/secret/data/app/db?version=1")
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.data?["data"] as? [String: String], ["password": "one"])
        XCTAssertEqual((first.data?["metadata"] as? [String: Any])?["version"] as? Int, 1)
    }

    func testMissingKeysAndVersionsAre404WithAnEmptyErrorList() throws {
        for path in ["/v1/secret/data/nothing/here", "/v1/secret/metadata/nothing/here"] {
            let result = try sim.curl("GET", path)
            XCTAssertEqual(result.status, 404, path)
            XCTAssertEqual(result.body.trimmingCharacters(in: .whitespacesAndNewlines), #"{"errors":[]}"#, path)
        }
        _ = try write("app/db", #"{"a":"b"}"#)
        let result = try sim.curl("GET", "/v1/secret/data/app/db?version=7")
        XCTAssertEqual(result.status, 404)
        XCTAssertEqual(result.errors, [])
    }

    func testMetadataListsEveryVersionKeyedByItsNumber() throws {
        _ = try sim.curl("POST", "/v1/secret/metadata/app/db", body: #"{"custom_metadata":{"owner":"acme"}}"#)
        for value in ["a", "b", "c"] { _ = try write("app/db", "{\"v\":\"\(value)\"}") }
        let result = try sim.curl("GET", "/v1/secret/metadata/app/db")
        XCTAssertEqual(result.status, 200)
        let data = try XCTUnwrap(result.data)
        for key in ["cas_required", "created_time", "current_version", "custom_metadata", "delete_version_after",
                    "max_versions", "oldest_version", "updated_time", "versions"] {
            XCTAssertNotNil(data[key], key)
        }
        XCTAssertEqual(data["current_version"] as? Int, 3)
        XCTAssertEqual(data["oldest_version"] as? Int, 1)
        XCTAssertEqual(data["delete_version_after"] as? String, "0s")
        XCTAssertEqual(data["custom_metadata"] as? [String: String], ["owner": "acme"])
        let versions = try XCTUnwrap(data["versions"] as? [String: [String: Any]])
        XCTAssertEqual(Set(versions.keys), ["1", "2", "3"])
        for (_, version) in versions {
            XCTAssertEqual(Set(version.keys), ["created_time", "deletion_time", "destroyed"])
            XCTAssertEqual(version["deletion_time"] as? String, "")
            XCTAssertEqual(version["destroyed"] as? Bool, false)
        }
        XCTAssertFalse(result.body.contains("\"v\""), "metadata never carries values")
    }

    func testListingShowsFoldersWithASlashByLISTAndByListTrue() throws {
        for path in ["tenants/acme", "tenants/acme/db", "tenants/globex", "other"] { _ = try write(path, #"{"k":"v"}"#) }
        let top = try sim.curl("LIST", "/v1/secret/metadata/")
        XCTAssertEqual(top.status, 200)
        XCTAssertEqual(Set(try XCTUnwrap(top.json).keys), Self.envelopeKeys)
        XCTAssertEqual(top.data?["keys"] as? [String], ["other", "tenants/"])
        let tenants = try sim.curl("LIST", "/v1/secret/metadata/tenants")
        XCTAssertEqual(tenants.data?["keys"] as? [String], ["acme", "acme/", "globex"])
        let byQuery = try sim.curl("GET", "/v1/secret/metadata/tenants/?list=true")
        XCTAssertEqual(byQuery.status, 200)
        XCTAssertEqual(byQuery.data?["keys"] as? [String], ["acme", "acme/", "globex"])
        let missing = try sim.curl("LIST", "/v1/secret/metadata/nowhere")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.errors, [])
    }

    func testDeletedAndDestroyedVersionsAre404WithTheirMetadata() throws {
        _ = try write("app/db", #"{"v":"1"}"#)
        _ = try write("app/db", #"{"v":"2"}"#)
        let deleted = try sim.curl("DELETE", "/v1/secret/data/app/db")
        XCTAssertEqual(deleted.status, 204)
        XCTAssertEqual(deleted.body, "")

        let gone = try sim.curl("GET", "/v1/secret/data/app/db")
        XCTAssertEqual(gone.status, 404)
        XCTAssertEqual(Set(try XCTUnwrap(gone.json).keys), Self.envelopeKeys)
        XCTAssertTrue(gone.data?["data"] is NSNull)
        let metadata = try XCTUnwrap(gone.data?["metadata"] as? [String: Any])
        XCTAssertEqual(metadata["version"] as? Int, 2)
        XCTAssertNotEqual(metadata["deletion_time"] as? String, "")
        XCTAssertEqual(metadata["destroyed"] as? Bool, false)
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/app/db?version=1").status, 200, "older versions stay readable")

        XCTAssertEqual(try sim.curl("POST", "/v1/secret/undelete/app/db", body: #"{"versions":[2]}"#).status, 204)
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/app/db").data?["data"] as? [String: String], ["v": "2"])

        XCTAssertEqual(try sim.curl("POST", "/v1/secret/destroy/app/db", body: #"{"versions":[1]}"#).status, 204)
        let destroyed = try sim.curl("GET", "/v1/secret/data/app/db?version=1")
        XCTAssertEqual(destroyed.status, 404)
        let destroyedMetadata = try XCTUnwrap(destroyed.data?["metadata"] as? [String: Any])
        XCTAssertEqual(destroyedMetadata["destroyed"] as? Bool, true)
        XCTAssertEqual(destroyedMetadata["deletion_time"] as? String, "")
        XCTAssertEqual(try sim.curl("POST", "/v1/secret/undelete/app/db", body: #"{"versions":[1]}"#).status, 204)
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/app/db?version=1").status, 404, "destroyed cannot come back")

        XCTAssertEqual(try sim.curl("POST", "/v1/secret/delete/app/db", body: #"{"versions":[2]}"#).status, 204)
        let versions = try sim.curl("GET", "/v1/secret/metadata/app/db").data?["versions"] as? [String: [String: Any]]
        XCTAssertNotEqual(versions?["2"]?["deletion_time"] as? String, "")
        XCTAssertEqual(versions?["1"]?["destroyed"] as? Bool, true)
        XCTAssertEqual(try sim.curl("POST", "/v1/secret/delete/app/db", body: #"{}"#).status, 400, "versions are required")
    }

    func testCheckAndSetRefusesStaleWrites() throws {
        XCTAssertEqual(try write("app/db", #"{"v":"1"}"#, cas: 0).status, 200)
        let again = try write("app/db", #"{"v":"x"}"#, cas: 0)
        XCTAssertEqual(again.status, 400)
        XCTAssertEqual(again.errors, ["check-and-set parameter did not match the current version"])
        XCTAssertEqual(try write("app/db", #"{"v":"2"}"#, cas: 1).data?["version"] as? Int, 2)
        XCTAssertEqual(try sim.curl("PUT", "/v1/secret/data/app/db", body: #"{"data":{"v":"3"},"options":{"cas":2}}"#).status, 200,
                       "PUT writes as POST does")

        XCTAssertEqual(try sim.curl("POST", "/v1/secret/config", body: #"{"cas_required":true,"max_versions":2}"#).status, 204)
        let config = try sim.curl("GET", "/v1/secret/config")
        XCTAssertEqual(config.data?["cas_required"] as? Bool, true)
        XCTAssertEqual(config.data?["max_versions"] as? Int, 2)
        XCTAssertEqual(try write("app/db", #"{"v":"4"}"#).errors, ["check-and-set parameter required for this call"])
        XCTAssertEqual(try write("app/db", #"{"v":"4"}"#, cas: 3).status, 200)
        let metadata = try XCTUnwrap(try sim.curl("GET", "/v1/secret/metadata/app/db").data)
        XCTAssertEqual((metadata["versions"] as? [String: Any]).map { Set($0.keys) }, ["3", "4"], "max_versions keeps the newest 2")
        XCTAssertEqual(metadata["oldest_version"] as? Int, 3)
    }

    func testDeletingMetadataRemovesEveryVersion() throws {
        _ = try write("app/db", #"{"v":"1"}"#)
        XCTAssertEqual(try sim.curl("DELETE", "/v1/secret/metadata/app/db").status, 204)
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/metadata/app/db").status, 404)
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/app/db?version=1").status, 404)
    }

    func testOtherMountsFromTheConfigAreSeparate() throws {
        sim = try VaultSimProcess(config: #"""
            {"mounts": ["secret", "kv/platform"],
             "secrets": [{"mount": "kv/platform", "path": "dns/ovh", "data": {"key": "one"}},
                         {"mount": "kv/platform", "path": "dns/ovh", "data": {"key": "two"}}]}
            """#)
        let read = try sim.curl("GET", "/v1/kv/platform/data/dns/ovh")
        XCTAssertEqual(read.data?["data"] as? [String: String], ["key": "two"])
        XCTAssertEqual((read.data?["metadata"] as? [String: Any])?["version"] as? Int, 2, "a path listed twice has two versions")
        XCTAssertEqual(try sim.curl("GET", "/v1/secret/data/dns/ovh").status, 404)
        let unmounted = try sim.curl("GET", "/v1/nomount/data/x")
        XCTAssertEqual(unmounted.status, 404)
        XCTAssertEqual(unmounted.errors, [#"no handler for route "nomount/data/x". route entry not found."#])
    }
}
