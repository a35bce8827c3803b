import JujuPlanning
import PlanModel
import TenantCore
import VaultPlanning
import XCTest

/// Juju and Vault planned together: what a secret's state in Vault does to the plan.
final class VaultPlanningTests: XCTestCase {
    typealias F = PlanFixtures
    let reference = VaultReference(path: "tenants/acme/db", key: "password")

    var shop: DesiredEnvironment {
        F.environment(applications: [F.application("magento", config: ["admin-password": .secret(reference), "title": .string("Shop")])])
    }
    var plain: DesiredEnvironment { F.environment("bravo/production", applications: [F.application("web")]) }

    func plan(_ environments: [DesiredEnvironment], juju: ObservedState, vault: VaultObservation?) -> Plan {
        var world = ObservedWorld(systems: [JujuPlanner.systemName: juju])
        if let vault { world.systems[VaultPlanner.systemName] = vault }
        return PlanComposer.plan(desired: DesiredState(environments: environments), observed: world, systems: [JujuPlanner(), VaultPlanner()])
    }

    func vault(_ state: SecretPathState, unavailable: String? = nil) -> VaultObservation {
        VaultObservation(mount: "secret", unavailable: unavailable, paths: [reference.path: state])
    }

    var absent: ObservedState { F.observed(["ctl/acme-production": .absent, "ctl/bravo-production": .absent]) }

    /// The deploy that hands the secret to Juju waits for a check of it, planned before it.
    func testASecretInVaultIsCheckedBeforeTheChangeThatUsesIt() throws {
        let result = plan([shop], juju: absent, vault: vault(.present(SecretMetadata(currentVersion: 3))))
        XCTAssertEqual(result.changes.map(\.kind), [.addModel, .vaultCheck, .deploy, .wait])
        let check = result.changes[1], deploy = result.changes[2]
        XCTAssertEqual(check.id, "vault.check vault:secret/tenants/acme/db")
        XCTAssertEqual(check.effect, .read)
        XCTAssertEqual(check.parameters["keys"], .strings(["password"]))
        XCTAssertEqual(check.reasons.first?.desired, "secret/tenants/acme/db version 3")
        XCTAssertEqual(deploy.parameters["secrets"], .strings(["vault:tenants/acme/db#password"]))
        XCTAssertTrue(deploy.dependsOn.contains(check.id), "\(deploy.dependsOn)")
        XCTAssertEqual(result.summary.read, 1)
        XCTAssertTrue(result.skipped.isEmpty)
    }

    /// A missing, deleted or destroyed secret, or a Vault that cannot be read, holds back the
    /// environments that need it — nothing of them planned, with the option named — and only those.
    func testAnEnvironmentWhoseSecretIsNotUsableIsNotPlannedAtAll() {
        let cases: [(SecretPathState, String?, String)] = [
            (.missing, nil, "application magento, option admin-password: vault:tenants/acme/db#password: there is no secret at secret/tenants/acme/db in Vault"),
            (.present(SecretMetadata(currentVersion: 2, currentDeleted: true)), nil,
             "application magento, option admin-password: vault:tenants/acme/db#password: version 2 of secret/tenants/acme/db is deleted (vault kv undelete, or write a new version)"),
            (.present(SecretMetadata(currentVersion: 2, currentDestroyed: true)), nil,
             "application magento, option admin-password: vault:tenants/acme/db#password: version 2 of secret/tenants/acme/db is destroyed"),
            (.forbidden("permission denied"), nil,
             "application magento, option admin-password: vault:tenants/acme/db#password: tenantctl's Vault token may not read secret/tenants/acme/db (403: permission denied)"),
            (.missing, "Vault is sealed", "Vault cannot be read: Vault is sealed"),
        ]
        for (state, unavailable, message) in cases {
            let result = plan([shop, plain], juju: absent, vault: vault(state, unavailable: unavailable))
            XCTAssertEqual(result.skipped, [SkippedEnvironment(environment: "acme/production", reason: message)], message)
            XCTAssertEqual(Set(result.changes.map(\.environment)), ["bravo/production"], "the other environment is planned: \(message)")
        }
    }

    /// A newer version in Vault than the one applied re-applies the configuration that uses it.
    func testARotatedSecretIsAppliedAgain() throws {
        var model = ObservedModel(name: "acme-production", kind: .k8s, applications: [
            "magento": ObservedApplication(charm: "magento", channel: "stable", units: [F.unit("magento/0")],
                                           config: ["admin-password": .string("hmac-sha256:x"), "title": .string("Shop")],
                                           appliedSecrets: ["admin-password": "vault:tenants/acme/db#password@3"]),
        ])
        let juju = F.observed(["ctl/acme-production": .present(model)])
        let rotated = plan([shop], juju: juju, vault: vault(.present(SecretMetadata(currentVersion: 4))))
        let config = try XCTUnwrap(rotated.changes.first { $0.kind == .config })
        XCTAssertEqual(config.reasons, [Reason(field: "config.admin-password", desired: "vault:tenants/acme/db#password version 4",
                                               observed: "vault:tenants/acme/db#password version 3")])
        XCTAssertEqual(config.parameters["keys"], .strings(["admin-password"]))
        XCTAssertTrue(config.dependsOn.contains("vault.check vault:secret/tenants/acme/db"))

        XCTAssertEqual(plan([shop], juju: juju, vault: vault(.present(SecretMetadata(currentVersion: 3)))).changes, [], "the applied version")
        XCTAssertEqual(plan([shop], juju: juju, vault: nil).changes, [], "no versioned source observed: nothing to compare")
        model.applications["magento"]!.appliedSecrets = ["admin-password": "vault:tenants/acme/db#password"]
        XCTAssertEqual(plan([shop], juju: F.observed(["ctl/acme-production": .present(model)]),
                            vault: vault(.present(SecretMetadata(currentVersion: 4)))).changes, [],
                       "applied before versions were recorded: not a rotation")
    }

    /// A secrets file lists its keys: a key it lacks is found at plan time.
    func testAKeyMissingFromASecretsFileIsFoundAtPlanTime() {
        let file = VaultObservation(mount: "file", paths: [reference.path: .present(SecretMetadata(currentVersion: 1, keys: ["user"]))],
                                    versioned: false, source: "the secrets file s.yaml")
        let result = plan([shop], juju: absent, vault: file)
        XCTAssertEqual(result.skipped.map(\.reason),
                       ["application magento, option admin-password: vault:tenants/acme/db#password: tenants/acme/db has no key 'password' in the secrets file s.yaml"])
        XCTAssertEqual(result.changes, [])
    }

    /// A tenant naming its own Vault: its secrets are checked there, under scopes of their own
    /// (`vault:tenant@acme/…`) that never meet the platform's even for the same path; its Vault
    /// out of reach (or not observed) holds back that tenant only.
    func testATenantsOwnVaultIsAScopeOfItsOwn() throws {
        let ownVault = DesiredVault(address: "https://vault.acme.fr:8200", kvMount: "kv", namespace: nil,
                                    token: VaultReference(path: "tenant-tokens/acme/vault", key: "token"))
        var acme = shop
        acme.vault = ownVault
        let bravo = F.environment("bravo/production", applications: [F.application("magento", config: ["admin-password": .secret(reference)])])
        var observation = vault(.present(SecretMetadata(currentVersion: 7)))
        observation.tenantVaults = ["acme": VaultObservation(mount: "kv", paths: [reference.path: .present(SecretMetadata(currentVersion: 2))],
                                                             source: "tenant acme's Vault at https://vault.acme.fr:8200")]
        let result = plan([acme, bravo], juju: absent, vault: observation)
        let checks = result.changes.filter { $0.kind == .vaultCheck }
        XCTAssertEqual(checks.map(\.id), ["vault.check vault:tenant@acme/kv/tenants/acme/db", "vault.check vault:secret/tenants/acme/db"])
        XCTAssertEqual(checks.map(\.environment), ["acme/production", "bravo/production"])
        XCTAssertEqual(checks[0].reasons.first?.desired, "Vault https://vault.acme.fr:8200, mount kv: kv/tenants/acme/db version 2")
        XCTAssertEqual(checks[0].parameters["vault.address"], .string("https://vault.acme.fr:8200"))
        XCTAssertEqual(checks[0].parameters["vault.token"], .string("vault:tenant-tokens/acme/vault#token"), "a reference, never the token")
        XCTAssertNil(checks[1].parameters["vault.address"])
        XCTAssertEqual(observation.currentVersion(of: reference.path, for: acme), 2)
        XCTAssertEqual(observation.currentVersion(of: reference.path, for: bravo), 7)

        observation.tenantVaults?["acme"]?.unavailable = "Vault is sealed"
        let sealed = plan([acme, bravo], juju: absent, vault: observation)
        XCTAssertEqual(sealed.skipped, [SkippedEnvironment(environment: "acme/production",
                                                           reason: "tenant acme's Vault at https://vault.acme.fr:8200 cannot be read: Vault is sealed")])
        XCTAssertEqual(Set(sealed.changes.map(\.environment)), ["bravo/production"])
        observation.tenantVaults = nil
        XCTAssertEqual(plan([acme, bravo], juju: absent, vault: observation).skipped.map(\.reason), ["tenant acme's own Vault was not observed"])
    }
}
