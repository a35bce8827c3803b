import ArgumentParser
import GitSource
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems

/// Turns expected failures (unreachable repository, bad token, unknown ref, missing juju binary)
/// into one clear line on standard error and exit status 1, instead of a stack of Swift error
/// descriptions.
enum CommandRunner {
    static func load(_ options: RepositoryOptions) throws -> RepositorySnapshot {
        try reportingErrors { try RepositoryReader(options: options).snapshot() }
    }

    static func reportingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw report(error)
        }
    }

    static func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw report(error)
        }
    }

    private static func report(_ error: Error) -> Error {
        switch error {
        case is ExitCode, is CleanExit:
            return error
        case let error as GitSourceError:
            StandardStreams.error("error: \(error)")
        case let error as CLIError:
            StandardStreams.error("error: \(error)")
        case let error as ProcessRunnerError:
            StandardStreams.error("error: \(error)")
        case let error as JujuCommandError:
            StandardStreams.error("error: \(error)")
        default:
            return error
        }
        return ExitCode(1)
    }
}
