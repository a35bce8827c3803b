import Foundation

/// Runs the `git` CLI for repository generation, isolated from the user's configuration and with a
/// fixed author, committer and dates, so that a seed always gives the same commit ids.
struct GitRunner {
    let process: ChildProcess

    /// The date of the n-th commit of a generated repository (one minute apart).
    static func date(ofCommit index: Int) -> String {
        "2025-01-06T09:\(String(format: "%02d", index)):00+01:00"
    }

    func run(_ arguments: [String], commitIndex: Int = 0, label: String) throws {
        let result = try process.run("git", arguments, environment: environment(commitIndex: commitIndex),
                                     label: label, searchPath: true)
        guard result.succeeded else { throw BenchError(result.failureSummary) }
    }

    /// A command's standard output, trimmed (`rev-parse HEAD`…).
    func output(_ arguments: [String], label: String) throws -> String {
        let result = try process.run("git", arguments, environment: environment(commitIndex: 0), label: label, searchPath: true)
        guard result.succeeded else { throw BenchError(result.failureSummary) }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func environment(commitIndex: Int) -> [String: String] {
        // GIT_DIR and friends (set when run from a git hook) would redirect every command.
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        let date = Self.date(ofCommit: commitIndex)
        let fixed = [
            "GIT_AUTHOR_NAME": "tenantctl-bench", "GIT_AUTHOR_EMAIL": "bench@tenantctl.invalid", "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": "tenantctl-bench", "GIT_COMMITTER_EMAIL": "bench@tenantctl.invalid", "GIT_COMMITTER_DATE": date,
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C",
        ]
        environment.merge(fixed) { _, new in new }
        // No background `gc --auto` after a 10,000-file commit (it would outlive the run), no signing.
        let settings = [("gc.auto", "0"), ("maintenance.auto", "false"), ("commit.gpgSign", "false"),
                        ("core.autocrlf", "false"), ("init.defaultBranch", "main")]
        environment["GIT_CONFIG_COUNT"] = String(settings.count)
        for (index, setting) in settings.enumerated() {
            environment["GIT_CONFIG_KEY_\(index)"] = setting.0
            environment["GIT_CONFIG_VALUE_\(index)"] = setting.1
        }
        return environment
    }
}
