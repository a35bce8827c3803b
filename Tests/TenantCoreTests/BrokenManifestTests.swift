import Foundation
import TenantCore
import XCTest

/// Every broken manifest must produce exactly the expected errors, at the exact position.
final class BrokenManifestTests: XCTestCase {
    func testEachBrokenRepositoryReportsExactlyItsErrors() {
        // TENANTCTL_DUMP_CASES prints what each case reports, to help write the expectation of a
        // new case; the assertions still run, so a dump is never a passing test.
        let dump = ProcessInfo.processInfo.environment["TENANTCTL_DUMP_CASES"] != nil
        for brokenCase in BrokenCases.all {
            let result = DesiredStateBuilder.build(ManifestLoader.load(brokenCase.files(), links: brokenCase.links()))
            let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
            if dump {
                print("CASE \(brokenCase.name)")
                for error in errors { print("  \(error)") }
            }
            XCTAssertFalse(brokenCase.expected.isEmpty, "\(brokenCase.name): a broken case must expect at least one error")
            XCTAssertEqual(errors, brokenCase.expected, brokenCase.name)
            XCTAssertFalse(result.isValid, brokenCase.name)
        }
    }

    func testThereAreAtLeastFortyDistinctCases() {
        XCTAssertGreaterThanOrEqual(BrokenCases.all.count, 40)
        XCTAssertEqual(Set(BrokenCases.all.map(\.name)).count, BrokenCases.all.count, "case names must be unique")
        XCTAssertEqual(Set(BrokenCases.all.map(\.expected)).count, BrokenCases.all.count, "each case must test a different message")
    }
}
