import Foundation
import HTTPClient
import PlanModel
import TenantCore
import VaultDriver
import VaultPlanning
import XCTest

/// tenantctl's Vault client against vault-sim: metadata, values, 403 against 404, the seal,
/// tokens that expire and renew, AppRole login, and no value in any error.
final class VaultStoreTests: XCTestCase {
    static let canary = "canary-7f3a91-never-printed"
    static let config = """
    {
      "mounts": ["secret"],
      "policies": {
        "tenants": [{"path": "secret/data/tenants/*", "capabilities": ["read"]}, {"path": "secret/metadata/tenants/*", "capabilities": ["read"]}],
        "everything": [{"path": "secret/*", "capabilities": ["read", "list"]}]
      },
      "tokens": [
        {"id": "limited", "policies": ["tenants"], "ttl": "1h", "renewable": true},
        {"id": "short", "policies": ["everything"], "ttl": "30m", "renewable": true},
        {"id": "fixed", "policies": ["everything"], "ttl": "1h", "renewable": false}
      ],
      "approles": [{"role_name": "tenantctl", "role_id": "role-1", "secret_id": "secret-1", "policies": ["everything"], "token_ttl": "20m"}],
      "secrets": [
        {"path": "tenants/acme/db", "data": {"password": "v1", "user": "acme"}},
        {"path": "tenants/acme/db", "data": {"password": "\(canary)", "user": "acme"}},
        {"path": "platform/ovh", "data": {"key": "k"}},
        {"path": "tenants/gone", "data": {"password": "x"}}
      ]
    }
    """

    var sim: VaultSimServer!

    override func setUpWithError() throws {
        sim = try VaultSimServer(config: Self.config)
    }

    override func tearDown() {
        sim?.stop()
        sim = nil
    }

    func store(_ auth: VaultConnection.Auth, address: String? = nil) -> VaultHTTPStore {
        VaultHTTPStore(settings: VaultConnection(address: URL(string: address ?? sim.address)!, mount: "secret", namespace: nil, caFile: nil, auth: auth),
                       configuration: HTTPClientConfiguration(connectTimeout: .seconds(2), totalTimeout: .seconds(5),
                                                              retry: HTTPRetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(20))))
    }

    func testMetadataVersionsAndValuesWithTheirVersion() async throws {
        let vault = store(.token("short"))
        let available = await vault.availability()
        XCTAssertNil(available)
        let observed1 = await vault.metadata(of: "tenants/acme/db")

        XCTAssertEqual(observed1, .present(SecretMetadata(currentVersion: 2)))
        let observed2 = await vault.metadata(of: "tenants/nobody")

        XCTAssertEqual(observed2, .missing)
        let read = try await vault.read(VaultReference(path: "tenants/acme/db", key: "user"))
        XCTAssertEqual(read.value, "acme")
        XCTAssertEqual(read.version, 2)
        try sim.curl("POST", "/v1/secret/delete/tenants/gone", body: #"{"versions": [1]}"#)
        let observed3 = await vault.metadata(of: "tenants/gone")

        XCTAssertEqual(observed3, .present(SecretMetadata(currentVersion: 1, currentDeleted: true)))
        try sim.curl("POST", "/v1/secret/destroy/tenants/gone", body: #"{"versions": [1]}"#)
        let observed4 = await vault.metadata(of: "tenants/gone")

        XCTAssertEqual(observed4, .present(SecretMetadata(currentVersion: 1, currentDeleted: true, currentDestroyed: true)))
        XCTAssertFalse(sim.requests().joined().contains("short"), "vault-sim's log never holds a token")
    }

    /// 403 is not 404: a token limited to tenants/ reads those, and is refused elsewhere.
    func testForbiddenIsToldFromMissing() async throws {
        let vault = store(.token("limited"))
        let observed5 = await vault.metadata(of: "tenants/nobody")

        XCTAssertEqual(observed5, .missing)
        guard case let .forbidden(message) = await vault.metadata(of: "platform/ovh") else { return XCTFail("expected 403") }
        XCTAssertTrue(message.contains("permission denied"), message)
        do {
            _ = try await vault.read(VaultReference(path: "platform/ovh", key: "key"))
            XCTFail("read outside the policy")
        } catch {
            XCTAssertEqual("\(error)", "tenantctl's Vault token may not read secret/platform/ovh (403)")
        }
    }

    func testNoValueAppearsInAnError() async throws {
        let vault = store(.token("short"))
        do {
            _ = try await vault.read(VaultReference(path: "tenants/acme/db", key: "missing-key"))
            XCTFail("no such key")
        } catch {
            XCTAssertEqual("\(error)", "secret/tenants/acme/db has no key 'missing-key' in Vault")
            XCTAssertFalse("\(error)".contains(Self.canary))
        }
    }

    func testASealedOrUnreachableVaultOrARefusedTokenIsUnavailableWithTheReason() async throws {
        try sim.admin("seal")
        let sealed = await store(.token("short")).availability()
        XCTAssertEqual(sealed, "Vault is sealed")
        try sim.admin("unseal")
        let refused = await store(.token("no-such-token")).availability()
        XCTAssertEqual(refused, "Vault refused tenantctl's token (403 on lookup-self): expired, revoked or wrong")
        let unreachable = await store(.token("short"), address: "http://127.0.0.1:1").availability()
        XCTAssertTrue(unreachable?.hasPrefix("Vault at http://127.0.0.1:1 is unreachable:") == true, unreachable ?? "nil")
        XCTAssertFalse(unreachable?.contains("short") == true, "the token is never in a message")
    }

    /// A renewable token under a third of its TTL is renewed at the start; AppRole logs in again
    /// when its token expired in the middle of a run.
    func testTokensAreRenewedAndAppRoleLogsInAgain() async throws {
        try sim.admin("clock/advance", #"{"seconds": 1500}"#)   // 30 min TTL, 5 min left
        let renewing = store(.token("short"))
        let available = await renewing.availability()
        XCTAssertNil(available)
        XCTAssertEqual(sim.requests().filter { $0.contains("renew-self") }.count, 1, "\(sim.requests())")

        let fixed = store(.token("fixed"))
        try sim.admin("clock/advance", #"{"seconds": 3000}"#)
        let expired = await fixed.availability()
        XCTAssertEqual(expired, "Vault refused tenantctl's token (403 on lookup-self): expired, revoked or wrong")

        let approle = store(.appRole(mount: "approle", roleID: "role-1", secretID: "secret-1"))
        let observed6 = await approle.metadata(of: "tenants/acme/db")

        XCTAssertEqual(observed6, .present(SecretMetadata(currentVersion: 2)))
        try sim.admin("clock/advance", #"{"seconds": 1500}"#)   // the 20 min token is dead
        let observed7 = await approle.metadata(of: "tenants/acme/db")

        XCTAssertEqual(observed7, .present(SecretMetadata(currentVersion: 2)))
        XCTAssertEqual(sim.requests().filter { $0.contains("approle/login") }.count, 2, "logged in again once the token expired")
        let refused = await store(.appRole(mount: "approle", roleID: "role-1", secretID: "wrong")).availability()
        XCTAssertTrue(refused?.hasPrefix("Vault refused the AppRole login (400") == true || refused?.hasPrefix("Vault refused the AppRole login (403") == true, refused ?? "nil")
        XCTAssertFalse(refused?.contains("wrong") == true, "the secret_id is never in a message")
    }

    /// Sixteen requests that all find no token wait for one login.
    func testConcurrentRequestsShareOneLogin() async throws {
        let approle = store(.appRole(mount: "approle", roleID: "role-1", secretID: "secret-1"))
        let states = await withTaskGroup(of: SecretPathState.self) { group in
            for _ in 0..<16 { group.addTask { await approle.metadata(of: "tenants/acme/db") } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(states, Array(repeating: .present(SecretMetadata(currentVersion: 2)), count: 16))
        XCTAssertEqual(sim.requests().filter { $0.contains("approle/login") }.count, 1, "\(sim.requests())")
    }
}
