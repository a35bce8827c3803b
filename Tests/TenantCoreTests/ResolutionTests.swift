import TenantCore
import XCTest

/// The effective state of an environment: bundle, then offer sizing, then tenant overrides.
final class ResolutionTests: XCTestCase {
    let state = TestRepository.build().state

    func environment(_ id: String) throws -> DesiredEnvironment {
        try XCTUnwrap(state.environments.first { $0.id == id }, "no environment \(id)")
    }

    func testTenantOverridesWinOverOfferWhichWinsOverBundle() throws {
        let production = try environment("acme/production")
        let magento = try XCTUnwrap(production.application(named: "magento"))
        XCTAssertEqual(magento.units, 2, "offer pme sizes production magento at 2 (bundle says 1)")
        XCTAssertEqual(magento.revision, 57, "tenant pins revision 57 over the bundle's 50")
        XCTAssertEqual(magento.channel, "2.4/stable")
        XCTAssertEqual(magento.config["base-url"], .string("https://shop.example.com"), "offer config")
        XCTAssertEqual(magento.config["admin-password"]?.vaultReference?.description, "vault:tenants/acme#admin_password",
                       "tenant config replaces the bundle's key by key")
        XCTAssertTrue(magento.trust)
        XCTAssertEqual(production.model, "acme-production")
        XCTAssertEqual(production.controller, "k8s")
        XCTAssertEqual(production.controllerKind, .k8s)
        XCTAssertEqual(production.relations, [["magento:database", "mysql:database"], ["magento:ingress", "traefik:ingress"]])
        XCTAssertEqual(production.secrets, ["vault:tenants/acme#admin_password"])
    }

    func testEnvironmentWithoutOverridesKeepsOfferSizing() throws {
        let staging = try environment("acme/staging")
        XCTAssertEqual(staging.application(named: "magento")?.units, 1)
        XCTAssertEqual(staging.application(named: "magento")?.revision, 50, "bundle pin stays when nothing overrides it")
        XCTAssertEqual(staging.application(named: "magento")?.config["base-url"], .string("https://example.com"))
        XCTAssertEqual(staging.secrets, ["vault:tenants/default#admin_password"])
        XCTAssertEqual(staging.domains, [], "domains default to production")
    }

    func testDomainsResolveToZonesProvidersAndRecords() throws {
        let production = try environment("acme/production")
        XCTAssertEqual(production.domains.map(\.host), ["acme.bibind.com", "shop.acme.bibind.cloud"])
        let wildcard = production.domains[0]
        XCTAssertEqual(wildcard.record, .wildcard)
        XCTAssertEqual(wildcard.zone, "bibind.com")
        XCTAssertEqual(wildcard.provider, "ovh")
        XCTAssertTrue(wildcard.tls)
        let custom = production.domains[1]
        XCTAssertEqual(custom.record, .applicationAddress)
        XCTAssertEqual(custom.zone, "bibind.cloud")
        XCTAssertEqual(custom.providerType, .rfc2136)
        XCTAssertEqual(custom.target, .application("traefik"))
    }

    func testGrandCompteRunsOnItsOffersIaaSControllerWithMachines() throws {
        let production = try environment("bigcorp/production")
        XCTAssertEqual(production.controller, "openstack")
        XCTAssertEqual(production.controllerKind, .iaas)
        XCTAssertTrue(production.ha)
        XCTAssertEqual(production.machines, [MachineGroup(count: 3, constraints: "cores=4 mem=16G", base: "ubuntu@22.04")])
        XCTAssertEqual(production.bundleMachines["0"]?.constraints, "cores=4 mem=8G")
        XCTAssertEqual(production.application(named: "mysql")?.units, 3)
        XCTAssertEqual(production.application(named: "magento")?.to, ["0"])
        XCTAssertEqual(production.domains.first?.register, true)
        XCTAssertEqual(production.domains.first?.record, .a)
        XCTAssertEqual(production.domains.first?.provider, "aws")
        XCTAssertFalse(state.environments.contains { $0.id == "bigcorp/staging" }, "bigcorp lists production only")
    }

    func testMutualiseTenantLivesInTheSharedModel() throws {
        let production = try environment("petit/production")
        XCTAssertTrue(production.sharedModel)
        XCTAssertEqual(production.model, "mutualise-production")
        XCTAssertEqual(production.applications, [])
        XCTAssertEqual(production.policy, Policy(sync: .manual, prune: false))
        let shared = try environment("mutualise@shared/production")
        XCTAssertNil(shared.tenant)
        XCTAssertFalse(shared.sharedModel)
        XCTAssertEqual(shared.model, "mutualise-production")
        XCTAssertEqual(shared.applications.map(\.name), ["magento", "mysql", "traefik"])
    }

    func testANewChannelWithoutRevisionDropsTheBundlePin() throws {
        let tenant = TestRepository.acme.replacingOccurrences(of: "revision: 57", with: "channel: 2.5/edge")
        let result = TestRepository.build(["tenants/acme.yaml": tenant])
        XCTAssertTrue(result.isValid, result.diagnostics.map(\.description).joined(separator: "\n"))
        let magento = try XCTUnwrap(result.state.environments.first { $0.id == "acme/production" }?.application(named: "magento"))
        XCTAssertEqual(magento.channel, "2.5/edge")
        XCTAssertNil(magento.revision)
    }

    func testFleetDefaultPolicyAppliesUnlessTheTenantOverridesIt() throws {
        let fleet = TestRepository.fleet.replacingOccurrences(of: "policy: {sync: auto, prune: false}", with: "policy: {sync: auto, prune: true}")
        let result = TestRepository.build(["tenantctl.yaml": fleet])
        XCTAssertTrue(result.isValid)
        XCTAssertEqual(result.state.environments.first { $0.id == "acme/production" }?.policy, Policy(sync: .auto, prune: true))
        XCTAssertEqual(result.state.environments.first { $0.id == "petit/production" }?.policy, Policy(sync: .manual, prune: true))
    }

    func testModelOverrideAndFolderFormTenant() throws {
        let tenant = """
        apiVersion: tenantctl/v1
        kind: Tenant
        metadata:
          name: folded
          labels: {segment: retail}
        spec:
          offer: pme
          environments:
            production: {model: folded-prod}
        """
        let result = TestRepository.build(["tenants/folded/tenant.yaml": tenant, "tenants/folded/notes.md": "hello"])
        XCTAssertTrue(result.isValid, result.diagnostics.map(\.description).joined(separator: "\n"))
        let production = try XCTUnwrap(result.state.environments.first { $0.id == "folded/production" })
        XCTAssertEqual(production.model, "folded-prod")
        XCTAssertEqual(production.labels, ["segment": "retail"])
    }

    func testYAMLAnchorsAndMergeKeysInBundles() throws {
        let bundle = """
        bundle: kubernetes
        variables:
          common: &common {channel: 8.0/stable, scale: 3}
        applications:
          mysql:
            <<: *common
            charm: mysql-k8s
          magento:
            charm: bibind-magento-k8s
            channel: 2.4/stable
            scale: 1
          traefik:
            charm: traefik-k8s
            <<: *common
            channel: latest/stable
        """
        let result = TestRepository.build(["bundles/magento-k8s.yaml": bundle])
        XCTAssertTrue(result.isValid, result.diagnostics.map(\.description).joined(separator: "\n"))
        let staging = try XCTUnwrap(result.state.environments.first { $0.id == "acme/staging" })
        XCTAssertEqual(staging.application(named: "mysql")?.units, 3)
        XCTAssertEqual(staging.application(named: "mysql")?.channel, "8.0/stable")
        XCTAssertEqual(staging.application(named: "traefik")?.channel, "latest/stable", "explicit keys win over merged ones")
    }

    func testOneBrokenTenantDoesNotHideTheOthers() {
        let result = TestRepository.build([
            "tenants/acme.yaml": "kind: [",
            "tenants/zz.yaml": "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata: {name: zz}\nspec: {offer: nope}\n",
        ])
        let files = Set(result.diagnostics.map(\.location.file))
        XCTAssertEqual(files, ["tenants/acme.yaml", "tenants/zz.yaml"])
        XCTAssertTrue(result.state.environments.contains { $0.id == "bigcorp/production" }, "valid tenants still resolve")
    }
}
