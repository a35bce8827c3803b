import Foundation
import GitTestSupport
import XCTest

/// gitlab-sim as a program: usage on bad arguments, a request log without tokens, a clean exit
/// on SIGTERM.
final class GitLabSimProcessTests: XCTestCase {
    func testBadArgumentsPrintTheUsage() throws {
        let binary = try ProductBinary.locate("gitlab-sim")
        let result = try ChildProcess.run(binary, ["--bogus"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("unknown argument --bogus"), result.stderr)
        XCTAssertTrue(result.stderr.contains("usage: gitlab-sim"), result.stderr)
        let webhook = try ChildProcess.run(binary, ["send-webhook", "--event", "tag_push", "--print"])
        XCTAssertEqual(webhook.status, 2)
        XCTAssertTrue(webhook.stderr.contains("event must be push or merge_request"), webhook.stderr)
    }

    func testTheLogHasOneLinePerRequestAndNoToken() throws {
        let sim = try GitLabSimProcess()
        _ = try Curl.call("GET", sim.apiURL + "/user", headers: ["PRIVATE-TOKEN: \(GitLabSimProcess.token)"])
        _ = try Curl.call("GET", sim.apiURL + "/user?private_token=\(GitLabSimProcess.otherToken)")
        _ = try Curl.call("GET", sim.apiURL + "/user", headers: ["JOB-TOKEN: \(GitLabSimProcess.jobToken)"])
        let log = sim.requestLog()
        XCTAssertEqual(log.count, 3, "\(log)")
        XCTAssertEqual(log.map { $0.split(separator: " ").dropFirst().joined(separator: " ") },
                       ["GET /api/v4/user 200", "GET /api/v4/user 200", "GET /api/v4/user 401"])
        for token in [GitLabSimProcess.token, GitLabSimProcess.otherToken, GitLabSimProcess.jobToken] {
            XCTAssertFalse(log.joined().contains(token))
        }
    }

    func testSIGTERMEndsItCleanly() throws {
        let sim = try GitLabSimProcess()
        sim.process.terminate()
        sim.process.waitUntilExit()
        XCTAssertEqual(sim.process.terminationReason, .exit)
        XCTAssertEqual(sim.process.terminationStatus, 0)
    }
}
