import Foundation
import GitTestSupport
import XCTest

/// The official GitLab client for Python, python-gitlab (PyPI, pinned in the Makefile), against
/// gitlab-sim: it parses every answer itself, so these scenarios fail on any shape it cannot
/// read. `make test` installs it when missing.
final class PythonGitLabTests: XCTestCase {
    func run(_ scenario: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard try ChildProcess.run("/usr/bin/env", ["python3", "-c", "import gitlab"]).status == 0 else {
            XCTFail("python-gitlab is not installed: run `make python-deps`", file: file, line: line)
            return
        }
        let sim = try GitLabSimProcess()
        let script = try XCTUnwrap(Bundle.module.url(forResource: "python_gitlab_check", withExtension: "py", subdirectory: "Scripts"))
        var environment = ProcessInfo.processInfo.environment
        for name in ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] { environment[name] = nil }
        let result = try ChildProcess.run("/usr/bin/env", ["python3", script.path, sim.baseURL, GitLabSimProcess.token,
                                                           GitLabSimProcess.otherToken, scenario], environment: environment)
        XCTAssertEqual(result.status, 0, "python-gitlab scenario \(scenario) failed:\n\(result)", file: file, line: line)
        XCTAssertTrue(result.stdout.hasSuffix("ok: \(scenario)\n"), result.description, file: file, line: line)
    }

    func testPythonGitLabSetsAndListsCommitStatuses() throws { try run("statuses") }
    func testPythonGitLabCreatesUpdatesAndPagesThroughNotes() throws { try run("notes") }
    func testPythonGitLabReadsTheErrors() throws { try run("errors") }
}
