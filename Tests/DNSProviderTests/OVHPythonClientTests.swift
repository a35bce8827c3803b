import Foundation
import XCTest

/// The official OVH Python client, `ovh` (PyPI, pinned in the Makefile), against ovh-sim: the
/// client computes every signature itself, so these scenarios check ovh-sim's verification
/// against OVH's own implementation of the algorithm. `make test` installs the client.
final class OVHPythonClientTests: XCTestCase {
    func run(_ scenario: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard try ChildProcess.run(["python3", "-c", "import ovh"]).status == 0 else {
            XCTFail("the ovh client is not installed: run `make python-deps`", file: file, line: line)
            return
        }
        let sim = try OVHSimProcess()
        let script = try XCTUnwrap(Bundle.module.url(forResource: "ovh_check", withExtension: "py", subdirectory: "Scripts"))
        let result = try ChildProcess.run(["python3", script.path, sim.apiURL, OVHSimProcess.applicationKey,
                                           OVHSimProcess.applicationSecret, OVHSimProcess.consumerKey, scenario])
        XCTAssertEqual(result.status, 0, "ovh scenario \(scenario) failed:\n\(result.output)", file: file, line: line)
        XCTAssertTrue(result.output.hasSuffix("ok: \(scenario)\n"), result.output, file: file, line: line)
    }

    func testTheOVHClientListsCreatesUpdatesRefreshesAndDeletes() throws { try run("records") }
    func testTheOVHClientRaisesForBadSignaturesUnknownKeysAndMissingZones() throws { try run("errors") }
}
