import Foundation
import GitTestSupport
import XCTest

/// A tenant with its own Vault (`spec.vault`), through the real tenantctl binary against two
/// vault-sims: the platform's, which holds the tenant's token, and the tenant's, which holds the
/// tenant's secrets. The tenant's secrets come from its Vault, a rotation there is re-applied,
/// its Vault down holds back that tenant only, the platform's token never reaches the tenant's
/// Vault, and neither the tenant's token nor its secrets appear anywhere.
final class TenantVaultReconcileTests: ReconcileCase {
    static let tenantToken = "acme-token-canary-51d0c3"
    static let tenantSecretV1 = "acme-secret-canary-one-9e27"
    static let tenantSecretV2 = "acme-secret-canary-two-04b8"
    static let platformSecret = "platform-secret-canary-77aa"
    var platform: VaultSimServer!
    var tenantVault: VaultSimServer!
    var outputs: [String] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        platform = try VaultSimServer(config: """
        {"mounts": ["secret"],
         "policies": {"tenantctl": [{"path": "secret/*", "capabilities": ["read", "list"]}]},
         "tokens": [{"id": "tenantctl-token", "policies": ["tenantctl"], "ttl": "1h", "display_name": "platform"}],
         "secrets": [{"path": "tenants/shop", "data": {"password": "\(Self.platformSecret)"}},
                     {"path": "tenant-tokens/acme/vault", "data": {"token": "\(Self.tenantToken)"}}]}
        """)
        // The tenant's Vault knows the platform's token too, by another name: were it ever sent
        // there, the request log would say `token=platform-token-leaked`.
        tenantVault = try VaultSimServer(config: """
        {"mounts": ["secret"],
         "policies": {"reader": [{"path": "secret/*", "capabilities": ["read", "list"]}]},
         "tokens": [{"id": "\(Self.tenantToken)", "policies": ["reader"], "ttl": "1h", "display_name": "acme-tenantctl"},
                    {"id": "tenantctl-token", "policies": ["reader"], "ttl": "1h", "display_name": "platform-token-leaked"}],
         "secrets": [{"path": "tenants/shop", "data": {"password": "\(Self.tenantSecretV1)"}}]}
        """)
        try repository.write("tenantctl.yaml", ReconcileRepository.fleet.replacingOccurrences(
            of: "    auth: {method: token}\n", with: "    auth: {method: token}\n    tenantTokens: tenant-tokens\n"))
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: """
          vault:
            address: \(tenantVault.address)
            token: vault:tenant-tokens/acme/vault#token

        """))
        _ = try repository.commit("acme brings its own Vault")
    }

    override func tearDown() {
        platform?.stop()
        tenantVault?.stop()
        super.tearDown()
    }

    func run(_ arguments: String..., callLog: String? = nil) throws -> ProcessResult {
        var extra = ["TENANTCTL_SECRETS_FILE": "", "VAULT_ADDR": platform.address, "VAULT_TOKEN": "tenantctl-token"]
        if let callLog { extra["JUJU_SIM_ARGV_LOG"] = callLog }
        let result = try ChildProcess.run(try ProductBinary.locate("tenantctl"), arguments + ["--repo", repository.path],
                                          environment: environment.merging(extra) { $1 }, timeout: 120)
        outputs += [result.stdout, result.stderr]
        return result
    }

    func testATenantsSecretsComeFromItsOwnVaultAndRotateThere() throws {
        let calls = fixture.path("juju-calls.log")
        let first = try run("plan", "--output", "json")
        XCTAssertEqual(first.status, 2, "\(first)")
        XCTAssertTrue(first.stdout.contains(#""scope" : "tenant@acme/secret/tenants/shop""#),
                      "the tenant's Vault is a scope of its own: \(first.stdout)")
        let text = try run("plan")
        XCTAssertTrue(text.stdout.contains("secret: + Vault \(tenantVault.address), mount secret: secret/tenants/shop version 1"), text.stdout)
        XCTAssertTrue(text.stdout.contains("secret: + secret/tenants/shop version 1"), "bravo's secret is the platform's: \(text.stdout)")

        // A snapshot keeps the tenant's Vault apart too: planned from it, the same checks.
        let snapshot = fixture.path("snapshot.json")
        XCTAssertEqual(try run("observe", "--out", snapshot).status, 0)
        let offline = try run("plan", "--observed", snapshot)
        XCTAssertEqual(offline.status, 2, "\(offline)")
        XCTAssertEqual(offline.stdout, text.stdout, "the plan from the snapshot is the live one")
        XCTAssertTrue(try String(contentsOfFile: snapshot, encoding: .utf8).contains("tenantVaults"))

        let apply = try run("apply", "--auto-approve", "--settle", "0.2", callLog: calls)
        XCTAssertEqual(apply.status, 0, "\(apply)")
        XCTAssertEqual(try census(), Self.converged)
        XCTAssertTrue(try sim.run("config", "-m", "k8s:acme-production", "shop", "--format=json").contains(Self.tenantSecretV1),
                      "acme's value comes from acme's Vault")
        XCTAssertTrue(try sim.run("config", "-m", "k8s:bravo-production", "shop", "--format=json").contains(Self.platformSecret),
                      "bravo's from the platform's")
        XCTAssertEqual(try run("plan").status, 0, "converged")

        // Rotated in the tenant's Vault: acme's configuration is re-applied, nobody else's.
        try tenantVault.write("tenants/shop", ["password": Self.tenantSecretV2])
        let planFile = fixture.path("rotation.json")
        let rotation = try run("plan", "--out", planFile)
        XCTAssertEqual(rotation.status, 2, "\(rotation)")
        let identity = "vault:tenants/shop#password (Vault \(tenantVault.address), mount secret)"
        XCTAssertTrue(rotation.stdout.contains("config.admin-password: \(identity) version 1 -> \(identity) version 2"), rotation.stdout)
        XCTAssertFalse(rotation.stdout.contains("bravo/production"), "bravo's secret did not move: \(rotation.stdout)")
        XCTAssertEqual(try run("apply", planFile, "--settle", "0.2", callLog: calls).status, 0)
        XCTAssertTrue(try sim.run("config", "-m", "k8s:acme-production", "shop", "--format=json").contains(Self.tenantSecretV2))
        XCTAssertEqual(try run("plan").status, 0, "the new version is applied")

        // The tenant's Vault saw the tenant's token only; the platform's Vault was asked for it.
        // (`sys/health` is asked without a token; `token=root` is this test writing version 2.)
        XCTAssertFalse(tenantVault.requests().contains { $0.contains("token=platform-token-leaked") || $0.contains("token=unknown") })
        let seen = tenantVault.requests().filter { $0.contains(" /v1/") && !$0.contains("/v1/sys/health") && !$0.hasSuffix(" token=root") }
        XCTAssertTrue(seen.contains { $0.contains("/v1/secret/data/tenants/shop") }, "values were read there")
        XCTAssertTrue(seen.allSatisfy { $0.hasSuffix(" token=acme-tenantctl") }, "every request to the tenant's Vault carries its token only:\n\(seen.joined(separator: "\n"))")
        XCTAssertTrue(platform.requests().contains { $0.contains("/v1/secret/data/tenant-tokens/acme/vault") && $0.hasSuffix("token=platform") })

        // Neither the tenant's token nor any secret value in outputs, plan, journal or juju's argv.
        var places: [(String, String)] = outputs.enumerated().map { ("output \($0.offset)", $0.element) }
        places.append(("plan file", try String(contentsOfFile: planFile, encoding: .utf8)))
        places.append(("snapshot", try String(contentsOfFile: snapshot, encoding: .utf8)))
        places.append(("juju argv", try String(contentsOfFile: calls, encoding: .utf8)))
        places.append(("tenant vault log", tenantVault.requests().joined(separator: "\n")))
        places.append(("platform vault log", platform.requests().joined(separator: "\n")))
        for root in [fixture.path("state"), fixture.path("cache")] {
            for file in FileManager.default.enumerator(atPath: root)?.compactMap({ $0 as? String }) ?? [] {
                if let data = FileManager.default.contents(atPath: root + "/" + file) { places.append((root + "/" + file, String(decoding: data, as: UTF8.self))) }
            }
        }
        XCTAssertTrue(places.contains { $0.0.hasSuffix("tenantctl.sqlite") }, "the journal was searched")
        for (place, text) in places {
            for canary in [Self.tenantToken, Self.tenantSecretV1, Self.tenantSecretV2, Self.platformSecret] {
                XCTAssertFalse(text.contains(canary), "\(canary) in \(place)")
            }
        }
    }

    /// The tenant's Vault sealed, then its token unreadable: only acme is held back, with the
    /// reason; bravo and corp are planned and applied; nothing of acme is made or removed.
    func testATenantsVaultOutOfReachHoldsBackThatTenantOnly() throws {
        try tenantVault.admin("seal")
        let sealed = try run("plan")
        XCTAssertEqual(sealed.status, 1, "\(sealed)")
        XCTAssertTrue(sealed.stdout.contains("! acme/production: not planned: tenant acme's Vault at \(tenantVault.address) cannot be read: Vault is sealed"),
                      sealed.stdout)
        XCTAssertTrue(sealed.stdout.contains("bravo/production") && sealed.stdout.contains("corp/production"), sealed.stdout)
        let apply = try run("apply", "--auto-approve", "--settle", "0.2")
        XCTAssertEqual(apply.status, 1, "\(apply)")
        XCTAssertFalse(try sim.run("models", "-c", "k8s", "--format=json").contains("acme-production"), "nothing of acme was made")
        XCTAssertEqual(try sim.census("k8s:bravo-production").units, ["db": 1, "shop": 2])

        try tenantVault.admin("unseal")
        try platform.curl("DELETE", "/v1/secret/metadata/tenant-tokens/acme/vault")
        let tokenless = try run("plan")
        XCTAssertEqual(tokenless.status, 1, "\(tokenless)")
        XCTAssertTrue(tokenless.stdout.contains("! acme/production: not planned: tenant acme's Vault at \(tenantVault.address) cannot be read: its token cannot be read from the platform's Vault: there is no readable version of secret/tenant-tokens/acme/vault in Vault (404)"),
                      tokenless.stdout)
        XCTAssertFalse(tokenless.stdout.contains("bravo/production"), "bravo is converged: \(tokenless.stdout)")
    }

    /// What a tenant may not write, each located: unknown keys, a CA file, plain http away from
    /// loopback, a token outside the tenant's part of the platform's Vault.
    func testBadTenantVaultFieldsAreLocated() throws {
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: """
          vault:
            address: http://vault.acme.fr:8200
            caFile: /etc/ssl/private/key.pem
            tokn: x
            token: vault:tenant-tokens/bravo/vault#token

        """))
        try repository.write("tenants/bravo.yaml", ReconcileRepository.tenant("bravo", offer: "pme", extra: """
          vault: {address: "https://vault.bravo.fr:8200/v1?x=1", token: "vault:platform/smtp#password"}

        """))
        _ = try repository.commit("bad vaults")
        let result = try run("validate")
        XCTAssertEqual(result.status, 1, "\(result)")
        for expected in [
            "tenants/acme.yaml:7:14: spec.vault.address: 'http://vault.acme.fr:8200' is not https",
            "tenants/acme.yaml:8:13: spec.vault.caFile: a tenant manifest cannot name a CA file",
            "tenants/acme.yaml:9:5: spec.vault.tokn: unknown key 'tokn' in tenant vault (did you mean 'token'?)",
            "tenants/bravo.yaml:6:20: spec.vault.address: 'https://vault.bravo.fr:8200/v1?x=1' has a path, query or fragment",
        ] {
            XCTAssertTrue(result.stdout.contains(expected), "expected \(expected) in:\n\(result.stdout)")
        }
        // The token's place is checked once the address is acceptable.
        try repository.write("tenants/acme.yaml", ReconcileRepository.tenant("acme", offer: "pme", extra: """
          vault:
            address: https://vault.acme.fr:8200
            token: vault:tenant-tokens/bravo/vault#token

        """))
        try repository.write("tenants/bravo.yaml", ReconcileRepository.tenant("bravo", offer: "pme"))
        _ = try repository.commit("a token of another tenant")
        let borrowed = try run("validate")
        XCTAssertEqual(borrowed.status, 1, "\(borrowed)")
        XCTAssertTrue(borrowed.stdout.contains("tenants/acme.yaml:8:12: spec.vault.token: 'vault:tenant-tokens/bravo/vault#token' is not under vault:tenant-tokens/acme/"),
                      borrowed.stdout)
    }
}
