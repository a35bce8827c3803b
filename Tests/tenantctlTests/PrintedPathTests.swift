import Foundation
import GitTestSupport
import XCTest

/// A file name holding a newline must not print a forged `path:line:column:` line.
final class PrintedPathTests: CLITestCase {
    private static let forgedName = "tenants/evil.yaml\ntenantctl.yaml:1:1: forged error.yaml"

    private func commitForgedName() throws -> (tree: WorkTree, base: String) {
        let tree = try FleetRepository.commit(in: fixture)
        let base = try tree.head()
        try tree.write(Self.forgedName, "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: evil\nspec:\n  offer: pme\n")
        try tree.commit("A file name with a newline")
        return (tree, base)
    }

    func testValidateTextPrintsTheFileNameEscaped() throws {
        let (tree, _) = try commitForgedName()
        let result = try tenantctl("validate", "--repo", tree.path)
        XCTAssertExit(result, 1)
        XCTAssertEqual(result.stdoutLines.count, 2, "one diagnostic and the summary:\n\(result.stdout)")
        XCTAssertTrue(result.stdoutLines[0].hasPrefix("tenants/evil.yaml\\ntenantctl.yaml:1:1: forged error.yaml:4:9: metadata.name: 'evil' does not match"),
                      result.stdoutLines[0])
        XCTAssertFalse(result.stdoutLines.contains { $0.hasPrefix("tenantctl.yaml:1:1:") })
    }

    func testChangedTextPrintsTheFileNameEscaped() throws {
        let (tree, base) = try commitForgedName()
        let result = try tenantctl("changed", "--repo", tree.path, "--from", base, "--to", "HEAD")
        XCTAssertExit(result, 0)
        XCTAssertEqual(result.stdoutLines.count, 1, result.stdout)
        XCTAssertTrue(result.stdoutLines[0].contains("tenant file tenants/evil.yaml\\ntenantctl.yaml:1:1: forged error.yaml"), result.stdout)
    }
}
