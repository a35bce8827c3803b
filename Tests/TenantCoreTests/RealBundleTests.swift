import Foundation
import TenantCore
import XCTest

/// Published Juju bundles (Fixtures/juju-bundles, see Fixtures/SOURCES.md) must read as Juju
/// reads them: tenantctl's bundle schema is Juju's, not a subset of it.
final class RealBundleTests: XCTestCase {
    func load(_ name: String) throws -> ManifestSet {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/juju-bundles/\(name)", withExtension: "yaml"))
        let bytes = try Array(Data(contentsOf: url))
        return ManifestLoader.load([
            ManifestFile(path: "tenantctl.yaml", bytes: Array(TestRepository.fleet.utf8)),
            ManifestFile(path: "bundles/real.yaml", bytes: bytes),
        ])
    }

    func testCharmedKubernetesBundle() throws {
        let manifests = try load("charmed-kubernetes-1.32-bundle")
        XCTAssertEqual(manifests.diagnostics.map(\.description), [])
        let bundle = try XCTUnwrap(manifests.bundles["real"])
        XCTAssertFalse(bundle.isKubernetes)
        XCTAssertEqual(bundle.defaultBase, "ubuntu@22.04")
        XCTAssertEqual(bundle.applications["kubernetes-control-plane"]?.units, 2)
        XCTAssertEqual(bundle.applications["kubernetes-control-plane"]?.channel, "1.32/stable")
        XCTAssertEqual(bundle.applications["easyrsa"]?.units, 1)
        XCTAssertGreaterThan(bundle.relations.count, 10)
    }

    func testKubeflowBundleToleratesUnderscoreKeys() throws {
        let manifests = try load("kubeflow-1.10-stable-bundle")
        XCTAssertEqual(manifests.diagnostics.map(\.description), [])
        let bundle = try XCTUnwrap(manifests.bundles["real"])
        XCTAssertTrue(bundle.isKubernetes)
        XCTAssertGreaterThan(bundle.applications.count, 30)
        XCTAssertTrue(bundle.applications.values.allSatisfy { $0.units != nil }, "k8s bundles give scale")
    }

    func testExportedBundleWithOverlayDocument() throws {
        let manifests = try load("juju-doctor-cos-lite-exported-bundle")
        XCTAssertEqual(manifests.diagnostics.map(\.description), [])
        let bundle = try XCTUnwrap(manifests.bundles["real"])
        XCTAssertTrue(bundle.isKubernetes)
        XCTAssertNotNil(bundle.applications["prometheus"]?.revision)
        // The overlay document adds `offers` to applications of the base document.
        XCTAssertTrue(bundle.applications.values.contains { $0.passthrough["offers"] != nil })
    }

    func testExportedMachineBundleWithSaas() throws {
        let manifests = try load("juju-doctor-grafana-agent-vm-saas-exported-bundle")
        XCTAssertEqual(manifests.diagnostics.map(\.description), [])
        let bundle = try XCTUnwrap(manifests.bundles["real"])
        XCTAssertFalse(bundle.saas.isEmpty)
        XCTAssertFalse(bundle.machines.isEmpty)
        XCTAssertTrue(bundle.applications.values.contains { !$0.to.isEmpty })
    }
}
