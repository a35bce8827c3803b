import Foundation
import GitTestSupport
import XCTest

/// Runs the real `tenantctl` binary built beside this test bundle, as a child process.
enum Tenantctl {
    /// Where the binary was found (the products directory of the running test bundle, so any
    /// --scratch-path works), or why it was not.
    static let location: Result<String, Error> = Result { try ProductBinary.locate("tenantctl") }

    /// Runs `tenantctl arguments` with a clean environment: no TENANTCTL_* variable of the
    /// machine leaks in, HOME and the cache are the fixture's, git's own configuration is ignored.
    ///
    /// - Parameter environment: variables added on top (TENANTCTL_GIT_TOKEN…).
    static func run(
        _ arguments: [String],
        environment extra: [String: String] = [:],
        home: String,
        directory: String? = nil,
        timeout: TimeInterval = 90
    ) throws -> ProcessResult {
        let binary = try location.get()
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("TENANTCTL_") && !$0.key.hasPrefix("GIT_") && $0.key != "XDG_CACHE_HOME"
                && !$0.key.hasPrefix("VAULT_")
        }
        environment["HOME"] = home
        environment["TENANTCTL_CACHE_DIR"] = (home as NSString).appendingPathComponent("cache")
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        for (key, value) in extra { environment[key] = value }
        let result = try ChildProcess.run(binary, arguments, environment: environment, directory: directory, timeout: timeout)
        if result.timedOut {
            throw FixtureError("tenantctl \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) seconds")
        }
        return result
    }
}

extension ProcessResult {
    var stdoutLines: [String] {
        stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastEmpty()
    }

    var stderrLines: [String] {
        stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastEmpty()
    }

    /// stdout parsed as one JSON object.
    func json(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        return try XCTUnwrap(value as? [String: Any], "stdout is not a JSON object:\n\(stdout)", file: file, line: line)
    }
}

private extension Array where Element == String {
    func dropLastEmpty() -> [String] {
        last == "" ? Array(dropLast()) : self
    }
}

/// Asserts the exit status, printing both streams when it is not the expected one.
func XCTAssertExit(_ result: ProcessResult, _ status: Int32, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(result.status, status, "unexpected exit status; \(result)", file: file, line: line)
}

/// Asserts that standard error is exactly one line, `expected`: a sentence, not a Swift error
/// dump or a stack trace.
func XCTAssertOneErrorLine(_ result: ProcessResult, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(result.stderrLines, [expected], "\(result)", file: file, line: line)
    for marker in ["Fatal error", "Stack dump", "GitSourceError", "CLIError", "Swift runtime failure", "Backtrace"] {
        XCTAssertFalse(result.stderr.contains(marker), "stderr shows '\(marker)':\n\(result.stderr)", file: file, line: line)
    }
}
