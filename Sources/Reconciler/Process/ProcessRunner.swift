import Foundation
import PlanModel
#if canImport(Glibc)
import Glibc
#endif

/// What a finished child process left behind.
public struct ProcessOutput: Sendable {
    public var exitCode: Int32
    public var stdout: Data
    public var stderr: Data
    /// Killed because it ran past its time limit.
    public var timedOut: Bool

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs a program with arguments (never through a shell), a time limit and no standard input.
///
/// A hung `juju` must not hang the reconciler: past the limit the child gets SIGTERM, then
/// SIGKILL two seconds later. Children are started with posix_spawn on a thread of their own:
/// Foundation's Process crashes now and then on this toolchain when spawning from many threads
/// (an over-read while it scans /proc/self/fd), and parking the waits on GCD's few worker
/// threads held a sweep of a thousand models to a handful of calls in flight.
public struct ProcessRunner: Sendable {
    public var environment: [String: String]?

    public init(environment: [String: String]? = nil) {
        self.environment = environment
    }

    public func run(_ executable: String, _ arguments: [String], timeout: Duration) async throws -> ProcessOutput {
        let path = try Self.resolve(executable).path
        let environment = self.environment ?? ProcessInfo.processInfo.environment
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try ChildSpawn.run(path, arguments, environment: environment, timeout: seconds) })
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    /// A bare name is looked up in PATH, like a shell would.
    static func resolve(_ executable: String) throws -> URL {
        if executable.contains("/") {
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw ProcessRunnerError.notFound(executable: executable)
            }
            return URL(fileURLWithPath: executable)
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(executable)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        throw ProcessRunnerError.notFound(executable: executable)
    }
}

public enum ProcessRunnerError: Error, CustomStringConvertible, Equatable {
    case notFound(executable: String)
    case cannotStart(executable: String, reason: String)

    public var description: String {
        switch self {
        case let .notFound(executable):
            return "cannot find the program '\(executable)' (set --juju-bin or TENANTCTL_JUJU_BIN to its path)"
        case let .cannotStart(executable, reason):
            return "cannot start \(executable): \(reason)"
        }
    }
}

extension ProcessRunnerError: UserFacingError {
    public var userMessage: String { description }
}
