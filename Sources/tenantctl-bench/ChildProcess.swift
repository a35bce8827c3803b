import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program with `posix_spawn` and reaps it with `wait4`, which gives the resource usage of
/// that one child (peak RSS, CPU time), not of all children together as `getrusage` does.
///
/// Standard output and error go to files (no pipe to drain, no deadlock), standard input is
/// /dev/null, and a watchdog kills the child's process group when it outlives its time limit.
/// Measured runs go through `MeasuringHelper` (see there why).
struct ChildProcess {
    /// Where standard output and error are written, as `<label>.stdout` and `<label>.stderr`.
    let logDirectory: String
    let timeoutSeconds: Double

    func run(_ executable: String, _ arguments: [String], environment: [String: String],
             label: String, searchPath: Bool = false, measured: Bool = false) throws -> ChildResult {
        let commandLine = ([executable] + arguments).joined(separator: " ")
        let streams = Spawn.Streams(stdout: "\(logDirectory)/\(label).stdout", stderr: "\(logDirectory)/\(label).stderr")
        let reportPath = "\(logDirectory)/\(label).rusage"
        let command = measured
            ? [Self.ownExecutable, MeasuringHelper.flag, reportPath, "--", executable] + arguments
            : [executable] + arguments

        try Interruption.shared.check()
        let start = Spawn.now()
        let pid = try Spawn.start(command, environment: environment, streams: streams,
                                  searchPath: searchPath && !measured, newProcessGroup: true)
        Interruption.shared.childStarted(pid)
        let watchdog = Watchdog(processGroup: pid)
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds) { watchdog.fire() }
        do {
            try Spawn.waitForExit(pid)
        } catch {
            Interruption.shared.childFinished()
            throw error
        }
        let end = Spawn.now()
        let timedOut = watchdog.disarm()
        // Before the reap: after it, the pid and group id are free for reuse.
        Interruption.shared.childFinished()
        let (raw, usage) = try Spawn.reap(pid)
        let (status, signal) = Spawn.decode(raw)
        try Interruption.shared.check()

        var result = ChildResult(
            status: status, signal: signal, timedOut: timedOut, wallSeconds: Double(end - start) / 1e9,
            maxRSSBytes: Spawn.maxRSSBytes(usage), rssFloorBytes: nil,
            userSeconds: Spawn.seconds(usage.ru_utime), systemSeconds: Spawn.seconds(usage.ru_stime),
            stdout: Self.read(streams.stdout), stderr: Self.read(streams.stderr), commandLine: commandLine)
        if measured, result.succeeded {
            try readHelperReport(reportPath, into: &result)
        }
        return result
    }

    /// Replaces the helper's figures by those it measured on its child.
    private func readHelperReport(_ path: String, into result: inout ChildResult) throws {
        let fields = Self.read(path).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard fields.count == 6 else {
            throw BenchError("the measuring helper left no usable report for `\(result.commandLine)`")
        }
        let (status, signal) = fields[0] > 128 ? (Int32(fields[0]), Int32(fields[0] - 128)) : (Int32(fields[0]), nil)
        result.status = status
        result.signal = signal
        result.wallSeconds = Double(fields[1]) / 1e9
        result.maxRSSBytes = fields[2]
        result.userSeconds = Double(fields[3]) / 1e6
        result.systemSeconds = Double(fields[4]) / 1e6
        result.rssFloorBytes = fields[5]
    }

    /// This binary, for re-executing it as the measuring helper.
    private static var ownExecutable: String {
        #if os(Linux)
        "/proc/self/exe"
        #else
        Bundle.main.executablePath ?? CommandLine.arguments[0]
        #endif
    }

    private static func read(_ path: String) -> String {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}

/// Kills a child's process group when it outlives its time limit, unless the child was seen to
/// exit first (it is not reaped before `disarm`, so the group id cannot have been reused).
private final class Watchdog: @unchecked Sendable {
    private let processGroup: pid_t
    private let lock = NSLock()
    private var finished = false
    private var fired = false

    init(processGroup: pid_t) {
        self.processGroup = processGroup
    }

    func fire() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        fired = true
        kill(-processGroup, SIGKILL)
    }

    /// Marks the child finished; true when the watchdog had already killed it.
    func disarm() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        return fired
    }
}
