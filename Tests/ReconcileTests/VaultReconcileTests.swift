import Foundation
import GitTestSupport
import XCTest

/// The whole loop with secrets from Vault (vault-sim), through the real tenantctl binary: a
/// rotation in Vault is planned and applied, a sealed Vault holds back only the environments
/// that need it, and a canary secret never leaves Vault in clear.
final class VaultReconcileTests: ReconcileCase {
    static let canaryV1 = "canary-one-4c1d9e"
    static let canaryV2 = "canary-two-8b20f7"
    var vault: VaultSimServer!
    var outputs: [String] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        vault = try VaultSimServer(config: """
        {"mounts": ["secret"],
         "policies": {"tenantctl": [{"path": "secret/*", "capabilities": ["read", "list"]}]},
         "tokens": [{"id": "tenantctl-token", "policies": ["tenantctl"], "ttl": "1h"}],
         "secrets": [{"path": "tenants/shop", "data": {"password": "\(Self.canaryV1)"}}]}
        """)
    }

    override func tearDown() {
        vault?.stop()
        super.tearDown()
    }

    /// tenantctl against vault-sim instead of the secrets file; every output kept for the canary check.
    func run(_ arguments: String..., callLog: String? = nil) throws -> ProcessResult {
        var extra = ["TENANTCTL_SECRETS_FILE": "", "VAULT_ADDR": vault.address, "VAULT_TOKEN": "tenantctl-token"]
        if let callLog { extra["JUJU_SIM_ARGV_LOG"] = callLog }
        let result = try ChildProcess.run(try ProductBinary.locate("tenantctl"), arguments + ["--repo", repository.path],
                                          environment: environment.merging(extra) { $1 }, timeout: 120)
        outputs += [result.stdout, result.stderr]
        return result
    }

    func testARotationInVaultIsPlannedAppliedAndNoSecretLeaks() throws {
        let calls = fixture.path("juju-calls.log")
        let first = try run("plan")
        XCTAssertEqual(first.status, 2, "\(first)")
        XCTAssertTrue(first.stdout.contains("  <= vault.check tenants/shop\n      secret: + secret/tenants/shop version 1\n"), first.stdout)
        let lookups = vault.requests().filter { $0.contains("lookup-self") }.count
        let apply = try run("apply", "--auto-approve", "--settle", "0.2", callLog: calls)
        XCTAssertEqual(apply.status, 0, "\(apply)")
        XCTAssertEqual(vault.requests().filter { $0.contains("lookup-self") }.count, lookups + 1, "one Vault login for the whole apply")
        XCTAssertEqual(try census(), Self.converged)
        XCTAssertEqual(try run("plan").status, 0, "converged")

        // A person rotates the secret in Vault: version 2.
        try vault.write("tenants/shop", ["password": Self.canaryV2])
        let planFile = fixture.path("rotation.json")
        let rotation = try run("plan", "--out", planFile)
        XCTAssertEqual(rotation.status, 2, "\(rotation)")
        XCTAssertTrue(rotation.stdout.contains("~ juju.config shop\n      config.admin-password: vault:tenants/shop#password version 1 -> vault:tenants/shop#password version 2\n"),
                      rotation.stdout)
        XCTAssertTrue(rotation.stdout.contains("Plan: 0 to create, 2 to update, 0 to delete, 1 to check, 2 health gates."), rotation.stdout)
        let rotated = try run("drift")
        XCTAssertEqual(rotated.status, 2, "\(rotated)")
        XCTAssertTrue(rotated.stdout.contains("  ~ application shop config.admin-password: desired vault:tenants/shop#password version 2, observed vault:tenants/shop#password version 1\n      likely cause: the secret has a newer version in Vault (rotated) than the one applied\n"), rotated.stdout)
        let applied = try run("apply", planFile, "--settle", "0.2", callLog: calls)
        XCTAssertEqual(applied.status, 0, "\(applied)")
        XCTAssertEqual(try run("plan").status, 0, "the new version is applied")
        let drift = try run("drift")
        XCTAssertEqual(drift.status, 0, "\(drift)")

        // The canary: in no output, plan file, journal, cache, nor any juju argv.
        var places: [(String, String)] = outputs.enumerated().map { ("output \($0.offset)", $0.element) }
        places.append(("plan file", try String(contentsOfFile: planFile, encoding: .utf8)))
        places.append(("juju argv", try String(contentsOfFile: calls, encoding: .utf8)))
        for root in [fixture.path("state"), fixture.path("cache")] {
            for file in FileManager.default.enumerator(atPath: root)?.compactMap({ $0 as? String }) ?? [] {
                if let data = FileManager.default.contents(atPath: root + "/" + file) { places.append((root + "/" + file, String(decoding: data, as: UTF8.self))) }
            }
        }
        XCTAssertTrue(places.contains { $0.0.hasSuffix("tenantctl.sqlite") }, "the journal was searched")
        let argv = places.first { $0.0 == "juju argv" }?.1 ?? ""
        XCTAssertTrue(argv.contains("config -m k8s:acme-production shop --file"), "juju's command lines were recorded: \(argv)")
        for (place, text) in places {
            XCTAssertFalse(text.contains(Self.canaryV1) || text.contains(Self.canaryV2), "a secret value in \(place)")
        }
        // Juju got the value all the same (through a 0600 file): juju-sim reports it.
        let config = try sim.run("config", "-m", "k8s:acme-production", "shop", "--format=json")
        XCTAssertTrue(config.contains(Self.canaryV2), "the rotated value reached Juju")
    }

    func testASealedVaultHoldsBackOnlyTheEnvironmentsThatNeedIt() throws {
        try vault.admin("seal")
        let plan = try run("plan")
        XCTAssertEqual(plan.status, 1, "\(plan)")
        XCTAssertTrue(plan.stdout.contains("! 2 environments not planned (acme/production, bravo/production): Vault at \(vault.address) cannot be read: Vault is sealed"),
                      plan.stdout)
        XCTAssertTrue(plan.stdout.contains("corp/production"), "corp needs no secret: planned")
        let apply = try run("apply", "--auto-approve", "--settle", "0.2")
        XCTAssertEqual(apply.status, 1, "\(apply)")
        XCTAssertEqual(try sim.run("models", "-c", "k8s", "--format=json").contains("acme-production"), false, "nothing of acme was made")
        XCTAssertEqual(try sim.census("cloud:corp-production").units, ["db": 1, "shop": 2])
    }

    /// Vault's credentials cannot be read (no token anywhere): like a Vault out of reach, the
    /// environments that need a secret are held back with the reason, the others are planned.
    func testMissingVaultCredentialsHoldBackOnlyTheEnvironmentsThatNeedThem() throws {
        let plan = try ChildProcess.run(try ProductBinary.locate("tenantctl"), ["plan", "--repo", repository.path],
                                        environment: environment.merging(["TENANTCTL_SECRETS_FILE": ""]) { $1 }, timeout: 120)
        XCTAssertEqual(plan.status, 1, "\(plan)")
        XCTAssertTrue(plan.stdout.contains("! 2 environments not planned (acme/production, bravo/production): Vault cannot be read: Vault needs a token: set VAULT_TOKEN, or auth.tokenFile in tenantctl.yaml"),
                      plan.stdout)
        XCTAssertTrue(plan.stdout.contains("corp/production"), plan.stdout)
    }
}
