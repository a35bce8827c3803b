import Foundation
import XCTest

/// The official Python client, hvac, against vault-sim: each test runs one scenario of
/// Scripts/hvac_check.py, which asserts what hvac returns and raises as it would against Vault.
/// `make test` installs hvac (pinned) when `python3 -c 'import hvac'` fails.
final class VaultSimHvacTests: XCTestCase {
    static let config = #"""
        {"namespaces": {"tenant-a": {"mounts": ["secret"]}},
         "policies": {"acme-read": [{"path": "secret/data/tenants/acme/*", "capabilities": ["read"]}],
                      "shop": [{"path": "secret/data/shop/*", "capabilities": ["read"]}]},
         "tokens": [{"id": "reader", "policies": ["acme-read"]}],
         "approles": [{"role_name": "tenantctl", "role_id": "role-1", "secret_id": "secret-1",
                       "policies": ["acme-read"], "token_ttl": "20m", "token_max_ttl": "1h"},
                      {"role_name": "shop", "role_id": "role-a", "secret_id": "secret-a", "policies": ["shop"],
                       "namespace": "tenant-a"}]}
        """#

    func run(_ scenario: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let python = "/usr/bin/env"
        let check = try Curl.runWithStatus(python, ["python3", "-c", "import hvac"])
        guard check.status == 0 else {
            XCTFail("hvac is not installed: run `make test`, or `pip install hvac==2.3.0`", file: file, line: line)
            return
        }
        let sim = try VaultSimProcess(config: Self.config)
        let script = try XCTUnwrap(Bundle.module.url(forResource: "hvac_check", withExtension: "py", subdirectory: "Scripts"))
        let result = try Curl.runWithStatus(python, ["python3", "-W", "error::DeprecationWarning", script.path, sim.baseURL, sim.rootToken, scenario])
        XCTAssertEqual(result.status, 0, "hvac scenario \(scenario) failed:\n\(result.output)", file: file, line: line)
        XCTAssertTrue(result.output.hasPrefix("ok: \(scenario)"), result.output, file: file, line: line)
    }

    func testHvacReadsAndWritesKVVersion2() throws { try run("kv") }
    func testHvacLogsInWithAppRoleAndManagesItsToken() throws { try run("auth") }
    func testHvacRaisesForbiddenInvalidPathServerErrorsAndVaultDown() throws { try run("errors") }
    func testHvacWorksInANamespace() throws { try run("namespaces") }
}
