import Foundation
import GitTestSupport
import XCTest

/// `changed` in a CI job's shallow clone whose base commit is beyond the clone's depth says to
/// deepen the clone, instead of calling the commit unknown.
final class ShallowCloneTests: CLITestCase {
    func testABaseBeyondAShallowClonesDepthAsksToDeepenIt() throws {
        let tree = try FleetRepository.commit(in: fixture)
        let base = try tree.head()
        try tree.write("tenants/delta.yaml", FleetRepository.delta)
        try tree.commit("Add delta")
        let shallow = fixture.path("shallow")
        try Git.run(["clone", "-q", "--depth", "1", "file://" + tree.path, shallow])

        let result = try Tenantctl.run(["changed", "--repo", shallow, "--from", base, "--to", "HEAD"], home: home)
        XCTAssertExit(result, 1)
        XCTAssertTrue(result.stderr.contains("'\(base)' is not in this shallow clone's history: it may be older than the clone's depth. Deepen the clone (git fetch --unshallow; in GitLab CI set GIT_DEPTH: 0)"),
                      result.stderr)
        // In a full clone the same name is found.
        XCTAssertExit(try Tenantctl.run(["changed", "--repo", tree.path, "--from", base, "--to", "HEAD"], home: home), 0)
    }
}
