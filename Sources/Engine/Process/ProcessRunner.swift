import Dispatch
import Foundation

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
/// SIGKILL two seconds later.
public struct ProcessRunner: Sendable {
    public var environment: [String: String]?

    public init(environment: [String: String]? = nil) {
        self.environment = environment
    }

    public func run(_ executable: String, _ arguments: [String], timeout: Duration) async throws -> ProcessOutput {
        let url = try Self.resolve(executable)
        let environment = self.environment
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Self.runBlocking(url, arguments, environment: environment, timeout: timeout) })
            }
        }
    }

    private static func runBlocking(_ url: URL, _ arguments: [String], environment: [String: String]?, timeout: Duration) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw ProcessRunnerError.cannotStart(executable: url.path, reason: error.localizedDescription)
        }
        // Drain both pipes while the child runs, or a large `juju status` fills the pipe and blocks.
        let output = PipeCollector(stdout.fileHandleForReading)
        let errors = PipeCollector(stderr.fileHandleForReading)
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        var timedOut = false
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        return ProcessOutput(exitCode: process.terminationStatus, stdout: output.wait(), stderr: errors.wait(), timedOut: timedOut)
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

/// Reads a pipe to its end on a background thread.
private final class PipeCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
