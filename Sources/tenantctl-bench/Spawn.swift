import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `posix_spawn`/`waitid`/`wait4` steps the bench and its measuring helper share.
enum Spawn {
    /// Where a child's standard streams go: files (nil: inherited from this process).
    struct Streams {
        var stdout: String
        var stderr: String
    }

    /// Starts a program, with SIGINT and SIGTERM back to their default handling; with
    /// `newProcessGroup`, in a process group of its own, so that a timeout or Ctrl-C can end it
    /// with everything it started.
    static func start(_ arguments: [String], environment: [String: String], streams: Streams?,
                      searchPath: Bool, newProcessGroup: Bool) throws -> pid_t {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let streams {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, streams.stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, streams.stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | (newProcessGroup ? POSIX_SPAWN_SETPGROUP : 0)))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = searchPath
            ? posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
            : posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard result == 0 else { throw BenchError("cannot start \(arguments[0]): \(String(cString: strerror(result)))") }
        return pid
    }

    /// Waits until the child exits, without reaping it: its pid (and process group) stay reserved,
    /// so signalling them remains safe until `reap`.
    static func waitForExit(_ pid: pid_t) throws {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 {
            guard errno == EINTR else { throw BenchError("waiting for process \(pid): \(String(cString: strerror(errno)))") }
        }
    }

    /// Reaps the child: its wait status and its own resource usage (`wait4`).
    static func reap(_ pid: pid_t) throws -> (status: Int32, usage: rusage) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("reaping process \(pid): \(String(cString: strerror(errno)))") }
        }
        return (status, usage)
    }

    /// Exit status, or 128 + signal; and the signal, if one ended the process.
    static func decode(_ status: Int32) -> (status: Int32, signal: Int32?) {
        let signal = status & 0x7f
        return signal == 0 ? ((status >> 8) & 0xff, nil) : (128 + signal, signal)
    }

    /// `ru_maxrss` in bytes (Linux counts KiB, Darwin bytes).
    static func maxRSSBytes(_ usage: rusage) -> Int {
        #if os(Linux)
        Int(usage.ru_maxrss) * 1024
        #else
        Int(usage.ru_maxrss)
        #endif
    }

    static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1e6
    }

    static func now() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }
}
