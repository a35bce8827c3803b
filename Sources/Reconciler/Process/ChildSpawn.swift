import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// posix_spawn with both output pipes drained by poll(2) on the calling thread, and a deadline.
enum ChildSpawn {
    private static let spawnLock = NSLock()

    static func run(_ path: String, _ arguments: [String], environment: [String: String], timeout: Double) throws -> ProcessOutput {
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        var pid: pid_t = 0
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // Pipes are close-on-exec so that a child never holds another call's pipe open (which
        // would delay that call's end-of-file). pipe2 is not imported into Swift here, so pipe
        // creation and spawning are serialised instead: no spawn can see a pipe not yet marked.
        let spawned: Int32 = try spawnLock.withLock {
            guard pipe(&outPipe) == 0 else { throw failure(path, "pipe: \(errnoText())") }
            guard pipe(&errPipe) == 0 else {
                close(outPipe[0]); close(outPipe[1])
                throw failure(path, "pipe: \(errnoText())")
            }
            for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
            // A stopping tenantctl ignores SIGINT and SIGTERM (it handles them itself); its children
            // keep ignoring SIGINT — a Ctrl-C at the terminal reaches the whole process group, and
            // the running juju call must be let finish — but get SIGTERM back, which the timeout uses.
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var defaults = sigset_t()
            sigemptyset(&defaults)
            sigaddset(&defaults, SIGTERM)
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            // Nor does a child inherit a blocked SIGTERM (test runners and some supervisors block
            // it): a timed-out juju must be asked to stop before it is killed.
            var unblocked = sigset_t()
            sigemptyset(&unblocked)
            posix_spawnattr_setsigmask(&attributes, &unblocked)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
            let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
            close(outPipe[1])
            close(errPipe[1])
            return result
        }
        guard spawned == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw failure(path, String(cString: strerror(spawned)))
        }

        let deadline = Date().addingTimeInterval(timeout)
        var output = Data(), errors = Data()
        var open: [Int32: Bool] = [outPipe[0]: true, errPipe[0]: true]
        var timedOut = false
        var killAt: Date?
        var buffer = [UInt8](repeating: 0, count: 65536)
        while open.values.contains(true) {
            var fds = open.filter(\.value).map { pollfd(fd: $0.key, events: Int16(POLLIN), revents: 0) }
            let remaining = (killAt ?? deadline).timeIntervalSinceNow
            if remaining <= 0 {
                if killAt == nil {
                    timedOut = true
                    kill(pid, SIGTERM)
                    killAt = Date().addingTimeInterval(2)
                } else {
                    kill(pid, SIGKILL)
                    break
                }
                continue
            }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining, 1) * 1000) + 1)
            if ready < 0 && errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == outPipe[0] { output.append(buffer, count: count) } else { errors.append(buffer, count: count) }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    open[entry.fd] = false
                }
            }
        }
        close(outPipe[0])
        close(errPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS by hand: the macros are not imported into Swift.
        let exited = (status & 0x7f) == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessOutput(exitCode: code, stdout: output, stderr: errors, timedOut: timedOut)
    }

    private static func failure(_ path: String, _ reason: String) -> ProcessRunnerError {
        .cannotStart(executable: path, reason: reason)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
