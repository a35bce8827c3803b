import TenantCore
import XCTest

/// Which tenants a tree diff marks, and when manifests have to be read at all.
final class ChangeAnalyzerTests: XCTestCase {
    let dependencies = ChangeAnalyzer.Dependencies(
        tenantsByOffer: ["pme": ["acme", "zeta"], "mutualise": ["petit"]],
        tenantsByBundle: ["magento-k8s": ["acme", "petit", "zeta"], "magento-ha": ["zeta"]],
        allTenants: ["acme", "petit", "zeta"])

    func analyze(_ changes: [PathChange]) -> (result: [ChangedTenant], readManifests: Bool) {
        var read = false
        let result = ChangeAnalyzer.analyze(changes) { read = true; return dependencies }
        return (result, read)
    }

    func testTenantFileChangesNeedNoManifests() {
        let (result, read) = analyze([
            PathChange(status: .modified, oldPath: "tenants/acme.yaml", newPath: "tenants/acme.yaml"),
            PathChange(status: .added, oldPath: nil, newPath: "tenants/new/tenant.yaml"),
            PathChange(status: .deleted, oldPath: "tenants/gone.yml", newPath: nil),
            PathChange(status: .modified, oldPath: "README.md", newPath: "README.md"),
        ])
        XCTAssertFalse(read, "a commit touching only tenant files must not read the repository")
        XCTAssertEqual(result, [
            ChangedTenant(tenant: "acme", change: .modified, reasons: [.tenantFile(path: "tenants/acme.yaml")]),
            ChangedTenant(tenant: "gone", change: .removed, reasons: [.tenantFile(path: "tenants/gone.yml")]),
            ChangedTenant(tenant: "new", change: .added, reasons: [.tenantFile(path: "tenants/new/tenant.yaml")]),
        ])
    }

    func testRenameMarksOldRemovedAndNewAdded() {
        let (result, _) = analyze([PathChange(status: .renamed, oldPath: "tenants/acme.yaml", newPath: "tenants/acme-sas.yaml")])
        let reason = ChangedTenant.Reason.renamed(from: "tenants/acme.yaml", to: "tenants/acme-sas.yaml")
        XCTAssertEqual(result, [
            ChangedTenant(tenant: "acme", change: .removed, reasons: [reason]),
            ChangedTenant(tenant: "acme-sas", change: .added, reasons: [reason]),
        ])
    }

    func testMovingATenantIntoItsFolderIsAModification() {
        let (result, _) = analyze([
            PathChange(status: .deleted, oldPath: "tenants/acme.yaml", newPath: nil),
            PathChange(status: .added, oldPath: nil, newPath: "tenants/acme/tenant.yaml"),
        ])
        XCTAssertEqual(result.map(\.tenant), ["acme"])
        XCTAssertEqual(result.first?.change, .modified)
    }

    func testOfferBundleAndFleetChangesMarkTheirTenants() {
        XCTAssertEqual(analyze([PathChange(status: .modified, oldPath: "offers/pme.yaml", newPath: "offers/pme.yaml")]).result.map(\.tenant),
                       ["acme", "zeta"])
        XCTAssertEqual(analyze([PathChange(status: .modified, oldPath: "bundles/magento-ha.yaml", newPath: "bundles/magento-ha.yaml")]).result,
                       [ChangedTenant(tenant: "zeta", change: .modified, reasons: [.bundle(name: "magento-ha")])])
        XCTAssertEqual(analyze([PathChange(status: .modified, oldPath: "bundles/magento-k8s/bundle.yaml", newPath: "bundles/magento-k8s/bundle.yaml")]).result.map(\.tenant),
                       ["acme", "petit", "zeta"])
        let fleet = analyze([PathChange(status: .modified, oldPath: "tenantctl.yaml", newPath: "tenantctl.yaml")])
        XCTAssertTrue(fleet.readManifests)
        XCTAssertEqual(fleet.result.map(\.tenant), ["acme", "petit", "zeta"])
        XCTAssertEqual(fleet.result.first?.reasons, [.fleet])
    }

    func testReasonsAccumulateAndAdditionsStayAdditions() {
        let (result, _) = analyze([
            PathChange(status: .added, oldPath: nil, newPath: "tenants/zeta.yaml"),
            PathChange(status: .modified, oldPath: "offers/pme.yaml", newPath: "offers/pme.yaml"),
            PathChange(status: .modified, oldPath: "tenantctl.yaml", newPath: "tenantctl.yaml"),
        ])
        let zeta = result.first { $0.tenant == "zeta" }
        XCTAssertEqual(zeta?.change, .added)
        XCTAssertEqual(zeta?.reasons, [.tenantFile(path: "tenants/zeta.yaml"), .offer(name: "pme"), .fleet])
    }

    func testRemovedTenantsAreNotMarkedBySharedChanges() {
        // `ghost` still names the changed bundle and offer (a stale index, or a dependency map
        // built from both commits) but is no longer a tenant: only its own removal may mark it.
        let withGhost = ChangeAnalyzer.Dependencies(
            tenantsByOffer: ["pme": ["acme", "ghost", "zeta"]],
            tenantsByBundle: ["magento-ha": ["ghost", "zeta"]],
            allTenants: ["acme", "petit", "zeta"])
        let result = ChangeAnalyzer.analyze([
            PathChange(status: .deleted, oldPath: "tenants/ghost.yaml", newPath: nil),
            PathChange(status: .modified, oldPath: "bundles/magento-ha.yaml", newPath: "bundles/magento-ha.yaml"),
            PathChange(status: .modified, oldPath: "offers/pme.yaml", newPath: "offers/pme.yaml"),
            PathChange(status: .modified, oldPath: "tenantctl.yaml", newPath: "tenantctl.yaml"),
        ]) { withGhost }
        XCTAssertEqual(result.first { $0.tenant == "ghost" }, ChangedTenant(tenant: "ghost", change: .removed, reasons: [.tenantFile(path: "tenants/ghost.yaml")]))
        XCTAssertEqual(result.first { $0.tenant == "zeta" }?.reasons, [.bundle(name: "magento-ha"), .offer(name: "pme"), .fleet],
                       "the tenants still present are marked by the same shared changes")
    }

    func testDependenciesOfADecodedRepository() {
        let manifests = ManifestLoader.load(TestRepository.with([:]))
        let dependencies = ChangeAnalyzer.Dependencies.of(manifests)
        XCTAssertEqual(dependencies.tenantsByOffer["pme"], ["acme"])
        XCTAssertEqual(dependencies.tenantsByBundle["magento-machines"], ["bigcorp"])
        XCTAssertEqual(dependencies.tenantsByBundle["magento-k8s"], ["acme", "petit"])
        XCTAssertEqual(dependencies.allTenants, ["acme", "bigcorp", "petit"])
    }
}
