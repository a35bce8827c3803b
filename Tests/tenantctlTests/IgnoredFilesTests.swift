import Foundation
import GitTestSupport
import XCTest

/// A tenant file tenantctl does not read must never drop out of the desired state unnoticed.
final class IgnoredFilesTests: CLITestCase {
    func testFilesInPlacesThatLookLikeManifestsAreReportedAndCounted() throws {
        let tree = try FleetRepository.commit(in: fixture)
        try tree.move("tenants/gamma.yaml", "tenants/gamma.YAML")
        try tree.move("tenants/beta.yaml", "tenant/beta.yaml")
        try tree.write("shared/delta.yaml", FleetRepository.delta)
        try tree.symlink("tenants/delta.yaml", to: "../shared/delta.yaml")
        try tree.commit("Three tenants that would vanish")
        let result = try tenantctl("validate", "--repo", tree.path)
        XCTAssertExit(result, 1)
        XCTAssertEqual(Array(result.stdoutLines.dropLast()), [
            "tenant/beta.yaml:1:1: folder 'tenant/' is not read (did you mean 'tenants/'?): 1 YAML file in it is ignored",
            "tenants/delta.yaml:1:1: this is a symbolic link, so it is not read: git stores only the path it points to; commit the manifests themselves here",
            "tenants/gamma.YAML:1:1: this file is not read: tenantctl reads only lower-case .yaml and .yml files; rename it tenants/gamma.yaml",
        ])
        XCTAssertTrue(result.stdoutLines.last?.hasSuffix("; 3 errors, 0 warnings; 3 YAML files not read") == true, result.stdout)

        let json = try tenantctl("validate", "--repo", tree.path, "--output", "json").json()
        XCTAssertEqual(json["ignored_files"] as? Int, 3)
    }

    func testASymlinkedManifestFolderIsNotFollowedInADirectory() throws {
        let directory = fixture.path("work")
        try FleetRepository.write(into: directory)
        let elsewhere = fixture.path("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: directory + "/tenants", toPath: elsewhere + "/tenants")
        try FileManager.default.createSymbolicLink(atPath: directory + "/tenants", withDestinationPath: elsewhere + "/tenants")
        let result = try tenantctl("validate", "--dir", directory)
        XCTAssertExit(result, 1)
        XCTAssertEqual(result.stdoutLines.first,
                       "tenants:1:1: this is a symbolic link, so it is not read: git stores only the path it points to; commit the manifests themselves here")
        XCTAssertTrue(result.stdoutLines.last?.contains(": invalid: 0 tenants,") == true, result.stdout)
    }
}
