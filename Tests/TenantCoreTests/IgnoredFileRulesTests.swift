import TenantCore
import XCTest

/// Which YAML files count as manifests tenantctl does not read, and which are simply not its own.
final class IgnoredFileRulesTests: XCTestCase {
    private func reported(_ paths: [String]) -> [String] {
        IgnoredFiles.check(paths: paths, links: []).diagnostics.map(\.description)
    }

    func testSlipsOfAManifestFolderNameAreReported() {
        for folder in ["tenant", "Tenants", "TENANTS", "tenats", "offer", "Offers", "bundle", "bundels"] {
            XCTAssertEqual(reported(["\(folder)/x.yaml"]).count, 1, folder)
        }
    }

    func testFoldersThatAreNotSlipsAreNotReported() {
        for folder in ["orders", "docs", "charts", "events", ".gitlab", "assets"] {
            XCTAssertEqual(reported(["\(folder)/x.yaml"]), [], folder)
        }
    }

    func testAttachmentsOfADefinedTenantOrBundleAreNotReported() {
        XCTAssertEqual(reported(["tenants/acme/tenant.yaml", "tenants/acme/values.yaml"]), [])
        XCTAssertEqual(reported(["tenants/acme.yaml", "tenants/acme/values.yaml"]), [])
        XCTAssertEqual(reported(["bundles/shop/bundle.yaml", "bundles/shop/overlay.yaml"]), [])
        XCTAssertEqual(reported(["tenants/acme/notes.txt"]), [], "only YAML files look like manifests")
    }
}
