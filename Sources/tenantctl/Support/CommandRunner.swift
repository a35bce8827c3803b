import ArgumentParser
import GitSource

/// Turns expected failures (unreachable repository, bad token, unknown ref) into one clear line on
/// standard error and exit status 1, instead of a stack of Swift error descriptions.
enum CommandRunner {
    static func load(_ options: RepositoryOptions) throws -> RepositorySnapshot {
        try reportingErrors { try RepositoryReader(options: options).snapshot() }
    }

    static func reportingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GitSourceError {
            StandardStreams.error("error: \(error)")
            throw ExitCode(1)
        } catch let error as CLIError {
            StandardStreams.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}
