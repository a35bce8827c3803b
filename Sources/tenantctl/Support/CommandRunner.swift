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

    /// Every error a person should read conforms to `UserFacingError`: one line (and a hint when
    /// there is one), its exit status. Anything else is a bug, left to ArgumentParser to print.
    private static func report(_ error: Error) -> Error {
        switch error {
        case is ExitCode, is CleanExit:
            return error
        case let error as any UserFacingError:
            StandardStreams.error("error: \(error.userMessage)")
            if let hint = error.hint { StandardStreams.error("hint: \(hint)") }
            return ExitCode(error.exitStatus)
        default:
            return error
        }
    }
}

extension CLIError: UserFacingError {
    var userMessage: String { description }
}

extension GitSourceError: UserFacingError {
    public var userMessage: String { description }
}
