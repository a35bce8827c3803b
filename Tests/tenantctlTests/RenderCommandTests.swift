import Foundation
import GitTestSupport
import XCTest

final class RenderCommandTests: CLITestCase {
    private var tree: WorkTree!

    override func setUpWithError() throws {
        try super.setUpWithError()
        tree = try FleetRepository.commit(in: fixture)
    }

    private func environments(_ document: [String: Any]) throws -> [String: [String: Any]] {
        let list = try XCTUnwrap(document["environments"] as? [[String: Any]], "\(document)")
        return Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as? String ?? "?", $0) })
    }

    private func application(_ name: String, in environment: [String: Any]?) throws -> [String: Any] {
        let applications = try XCTUnwrap(environment?["applications"] as? [[String: Any]])
        return try XCTUnwrap(applications.first { $0["name"] as? String == name }, "no application \(name)")
    }

    func testJSONShowsTheEffectiveStateBundleThenOfferThenTenant() throws {
        let result = try tenantctl("render", "--repo", tree.path, "acme", "--output", "json")
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stderr, "")
        let document = try result.json()
        XCTAssertEqual(document["kind"] as? String, "RenderedTenant")
        XCTAssertEqual(document["apiVersion"] as? String, "tenantctl/v1")
        XCTAssertEqual(document["tenant"] as? String, "acme")
        XCTAssertEqual(document["commit"] as? String, try tree.head())
        let environments = try environments(document)
        XCTAssertEqual(environments.keys.sorted(), ["acme/production", "acme/staging"])

        let production = environments["acme/production"]
        XCTAssertEqual(production?["model"] as? String, "acme-production")
        XCTAssertEqual(production?["controller"] as? String, "k8s")
        XCTAssertEqual(production?["bundle"] as? String, "shop-k8s")
        let magento = try application("magento", in: production)
        XCTAssertEqual(magento["units"] as? Int, 2, "units come from offer pme (the bundle says 1)")
        XCTAssertEqual(magento["revision"] as? Int, 57, "the tenant pins revision 57 over the bundle's 50")
        XCTAssertEqual(magento["channel"] as? String, "2.4/stable", "the channel comes from the bundle")
        let config = try XCTUnwrap(magento["config"] as? [String: Any])
        XCTAssertEqual(config["base-url"] as? String, "https://shop.example.com", "offer configuration")
        XCTAssertEqual(config["admin-password"] as? String, "vault:tenants/acme#admin_password",
                       "the secret stays a Vault reference: nothing is read from Vault")
        XCTAssertEqual(production?["secrets"] as? [String], ["vault:tenants/acme#admin_password"])
        let domains = try XCTUnwrap(production?["domains"] as? [[String: Any]])
        XCTAssertEqual(domains.map { $0["host"] as? String }, ["acme.bibind.com"])

        let staging = environments["acme/staging"]
        let stagingMagento = try application("magento", in: staging)
        XCTAssertEqual(stagingMagento["units"] as? Int, 1)
        XCTAssertEqual(stagingMagento["revision"] as? Int, 50, "nothing overrides the bundle's pin in staging")
        XCTAssertEqual((stagingMagento["config"] as? [String: Any])?["admin-password"] as? String, "vault:tenants/default#admin_password")
    }

    /// Render reads no secret: with a Vault address and token in the environment, it never
    /// connects to that address (a listening port that would have queued the connection), and its
    /// output is byte for byte the output without them, so neither the token nor any value it could
    /// have fetched shows.
    func testRenderNeverContactsVaultNorShowsTheToken() throws {
        let vault = try SilentServer()
        defer { vault.stop() }
        let token = "hvs.render-must-not-use-this"
        let withVault = try tenantctl("render", "--repo", tree.path, "acme",
                                      environment: ["VAULT_ADDR": "http://127.0.0.1:\(vault.port)", "VAULT_TOKEN": token])
        let withoutVault = try tenantctl("render", "--repo", tree.path, "acme")
        XCTAssertExit(withVault, 0)
        XCTAssertFalse(vault.wasContacted(), "render connected to VAULT_ADDR")
        XCTAssertEqual(withVault.stdout, withoutVault.stdout, "the Vault environment changed what render prints")
        XCTAssertEqual(withVault.stderr, "")
        XCTAssertFalse((withVault.stdout + withVault.stderr).contains(token))
    }

    func testYAMLIsTheDefaultAndCarriesTheSameValues() throws {
        let result = try tenantctl("render", "--repo", tree.path, "acme")
        XCTAssertExit(result, 0)
        let lines = result.stdoutLines.map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertTrue(lines.contains("apiVersion: tenantctl/v1"), result.stdout)
        XCTAssertTrue(lines.contains("kind: RenderedTenant"), result.stdout)
        XCTAssertTrue(lines.contains("tenant: acme"), result.stdout)
        XCTAssertTrue(lines.contains("commit: \(try tree.head())"), result.stdout)
        XCTAssertTrue(lines.contains("id: acme/production"), result.stdout)
        XCTAssertTrue(lines.contains("id: acme/staging"), result.stdout)
        XCTAssertTrue(lines.contains("revision: 57"), result.stdout)
        XCTAssertTrue(lines.contains("units: 2"), result.stdout)
        XCTAssertTrue(lines.contains("admin-password: vault:tenants/acme#admin_password"), result.stdout)
        XCTAssertFalse(result.stdout.hasPrefix("{"), "YAML, not JSON")
        let explicit = try tenantctl("render", "--repo", tree.path, "acme", "--output", "yaml")
        XCTAssertEqual(explicit.stdout, result.stdout, "--output yaml is the default")
    }

    func testEnvSelectsOneEnvironment() throws {
        let result = try tenantctl("render", "--repo", tree.path, "acme", "--env", "staging", "--output", "json")
        XCTAssertExit(result, 0)
        XCTAssertEqual(try environments(try result.json()).keys.sorted(), ["acme/staging"])

        let yaml = try tenantctl("render", "--repo", tree.path, "acme", "--env", "production")
        XCTAssertExit(yaml, 0)
        XCTAssertTrue(yaml.stdout.contains("id: acme/production"))
        XCTAssertFalse(yaml.stdout.contains("acme/staging"), yaml.stdout)
    }

    func testUnknownEnvironmentNamesTheKnownOnes() throws {
        let result = try tenantctl("render", "--repo", tree.path, "acme", "--env", "prod")
        XCTAssertExit(result, 1)
        XCTAssertOneErrorLine(result, "error: tenant 'acme' has no environment 'prod'; it has: production, staging")
        XCTAssertEqual(result.stdout, "")
    }

    func testUnknownTenantSuggestsTheClosestName() throws {
        let label = "\(tree.path) @ \(try tree.head().prefix(12)) (Initial fleet)"
        let typo = try tenantctl("render", "--repo", tree.path, "acmee")
        XCTAssertExit(typo, 1)
        XCTAssertOneErrorLine(typo, "error: no tenant named 'acmee' in \(label) (did you mean 'acme'?)")
        XCTAssertEqual(typo.stdout, "")

        // A typo in the first letter still finds the right tenant (not merely the first in order).
        let first = try tenantctl("render", "--repo", tree.path, "veta")
        XCTAssertExit(first, 1)
        XCTAssertOneErrorLine(first, "error: no tenant named 'veta' in \(label) (did you mean 'beta'?)")

        // Nothing close: no misleading suggestion.
        let unrelated = try tenantctl("render", "--repo", tree.path, "zzzz")
        XCTAssertExit(unrelated, 1)
        XCTAssertOneErrorLine(unrelated, "error: no tenant named 'zzzz' in \(label)")
    }

    /// beta's own file is broken: beta cannot be rendered, acme still can.
    func testATenantWithErrorsFailsWhileAnotherStillRenders() throws {
        try tree.write("tenants/beta.yaml", FleetRepository.beta.replacingOccurrences(of: "host: beta.bibind.com", with: "host: beta_shop.bibind.com"))
        try tree.commit("Break beta's domain")

        let broken = try tenantctl("render", "--repo", tree.path, "beta")
        XCTAssertExit(broken, 1)
        XCTAssertEqual(broken.stdout, "")
        XCTAssertEqual(broken.stderrLines, [
            "tenants/beta.yaml:10:13: spec.domains[0].host: 'beta_shop.bibind.com' is not a valid hostname: it has a label 'beta_shop' that contains '_'; only lower case letters, digits and '-' are allowed",
            "error: tenant 'beta' cannot be rendered: 1 error above",
        ])

        let other = try tenantctl("render", "--repo", tree.path, "acme", "--output", "json")
        XCTAssertExit(other, 0)
        XCTAssertEqual(try environments(try other.json()).keys.sorted(), ["acme/production", "acme/staging"])
        XCTAssertExit(try tenantctl("validate", "--repo", tree.path), 1)
    }

    /// An error in an offer blocks every tenant on that offer, and only those.
    func testABrokenOfferBlocksItsTenantsOnly() throws {
        try tree.write("offers/solocard.yaml", FleetRepository.solocard.replacingOccurrences(of: "{units: 1}", with: "{units: two}"))
        try tree.commit("Break solocard")
        let blocked = try tenantctl("render", "--repo", tree.path, "solo")
        XCTAssertExit(blocked, 1)
        XCTAssertEqual(blocked.stderrLines.last, "error: tenant 'solo' cannot be rendered: 1 error above")
        XCTAssertTrue(blocked.stderrLines.first?.hasPrefix("offers/solocard.yaml:10:28: ") == true, blocked.stderr)
        XCTAssertExit(try tenantctl("render", "--repo", tree.path, "gamma"), 0)
    }

    func testTenantOverrideBundleIsRendered() throws {
        let result = try tenantctl("render", "--repo", tree.path, "gamma", "--output", "json")
        XCTAssertExit(result, 0)
        let production = try environments(try result.json())["gamma/production"]
        XCTAssertEqual(production?["bundle"] as? String, "shop-k8s-cache")
        let names = (production?["applications"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        XCTAssertEqual(names, ["magento", "mysql", "redis"])
        XCTAssertEqual(try application("magento", in: production)["units"] as? Int, 2, "the offer still sizes the override bundle")
    }
}

extension RenderCommandTests {
    /// A password YAML reads as an integer is still a password: render refuses, and never prints it.
    func testASecretInClearThatIsNotAStringIsNeverRendered() throws {
        let tree = try FleetRepository.commit(in: fixture, name: "numeric-secret")
        try tree.write("tenants/acme.yaml", FleetRepository.acme.replacingOccurrences(
            of: "admin-password: vault:tenants/acme#admin_password", with: "admin-password: 86753091"))
        try tree.commit("A numeric password in clear")
        let result = try tenantctl("render", "--repo", tree.path, "acme", "--output", "json")
        XCTAssertExit(result, 1)
        XCTAssertFalse(result.stdout.contains("86753091") || result.stderr.contains("86753091"), "\(result)")
        XCTAssertTrue(result.stderr.contains("'admin-password' holds a secret and must be a Vault reference"), result.stderr)
    }
}
