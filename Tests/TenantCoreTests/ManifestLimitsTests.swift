import TenantCore
import XCTest

/// The bounds that keep `validate` fast and its output readable whatever a pushed file holds.
final class ManifestLimitsTests: XCTestCase {
    func testSizesAreReadInBytesOrBinaryUnits() {
        XCTAssertEqual(ManifestLimits.parseSize("1048576"), 1 << 20)
        XCTAssertEqual(ManifestLimits.parseSize("512K"), 512 << 10)
        XCTAssertEqual(ManifestLimits.parseSize("4M"), 4 << 20)
        XCTAssertEqual(ManifestLimits.parseSize("1g"), 1 << 30)
        XCTAssertNil(ManifestLimits.parseSize("0"))
        XCTAssertNil(ManifestLimits.parseSize("-1"))
        XCTAssertNil(ManifestLimits.parseSize("lots"))
        XCTAssertNil(ManifestLimits.parseSize("99999999999999999999G"))
    }

    func testARaisedLimitReadsALargerFile() {
        var files = TestRepository.with([:])
        let index = files.firstIndex { $0.path == "tenants/acme.yaml" }!
        files[index].bytes += Array(repeating: UInt8(ascii: "#"), count: 2 << 20)
        let refused = DesiredStateBuilder.build(ManifestLoader.load(files))
        XCTAssertEqual(refused.errorCount, 1)
        let read = DesiredStateBuilder.build(ManifestLoader.load(files, limits: ManifestLimits(maxFileSize: 4 << 20)))
        XCTAssertTrue(read.isValid, "\(read.diagnostics)")
    }

    func testLongWordsGetNoSuggestion() {
        let long = String(repeating: "a", count: 70)
        XCTAssertNil(Suggestion.closest(to: long + "b", in: [long + "c"]), "edit distance over long words costs minutes")
        XCTAssertEqual(Suggestion.closest(to: "stabel", in: ["stable"]), "stable")
    }

    func testTheWholeReportIsCappedAndTheCountsStayTrue() {
        // 30 tenants with 30 errors each: 900 errors, under the per-file cap, over the total cap.
        var changes: [String: String?] = [:]
        for index in 0..<30 {
            let typos = (0..<30).map { "  typo\($0): x\n" }.joined()
            changes["tenants/t\(index).yaml"] = "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: t\(index)\nspec:\n  offer: pme\n" + typos
        }
        let result = TestRepository.build(changes)
        XCTAssertEqual(result.errorCount, 900)
        XCTAssertEqual(result.diagnostics.count, DiagnosticCap.total + 1)
        XCTAssertEqual(result.diagnostics.last?.message, "… and 400 more problems in this and later files, not shown (fix the ones above first)")
        XCTAssertEqual(result.diagnostics.last?.severity, .error)
    }
}
