import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real OpenSSH server (Debian's openssh-server) on a loopback port, serving git over SSH the
/// way GitLab does: `git-upload-pack '<path>'` run for a user who logs in with a key.
///
/// It runs as the current user (root in CI) with everything of its own in `directory`: a fresh
/// host key, the configuration, the pid file and the authorized keys (one key made here, which
/// `clientKey` names). `StrictModes no` because a temporary directory is not a home directory,
/// `UsePAM no` because no PAM stack is configured for a test server.
public final class GitSSHServer {
    public static let sshd = "/usr/sbin/sshd"
    public static let keygen = "/usr/bin/ssh-keygen"

    public let port: UInt16
    public let user: String
    /// Private key the server accepts (its public half is `clientKey + ".pub"`).
    public let clientKey: String
    /// A well-formed key the server does not know.
    public let strangerKey: String
    /// The server's public host key, as `ssh-ed25519 AAAA…`.
    public let hostPublicKey: String
    private let pid: pid_t
    private let directory: String

    /// Throws, failing the test rather than skipping it, when openssh-server is missing:
    /// an untested SSH path must not look green.
    public init(directory: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.sshd) else {
            throw FixtureError("openssh-server is not installed at \(Self.sshd): run `make deps` (or `make test`), which installs it")
        }
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        user = String(cString: getpwuid(getuid()).pointee.pw_name)
        if getuid() == 0 {
            // sshd as root insists on its privilege separation directory, which only the
            // service's start script creates; a container that never ran the service lacks it.
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o755])
        }
        let hostKey = directory + "/host_ed25519"
        clientKey = directory + "/client_ed25519"
        strangerKey = directory + "/stranger_ed25519"
        for key in [hostKey, clientKey, strangerKey] { try Self.generateKey(at: key) }
        hostPublicKey = try String(contentsOfFile: hostKey + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.copyItem(atPath: clientKey + ".pub", toPath: directory + "/authorized_keys")

        var lastError = ""
        for _ in 0..<5 {
            let port = try TestNetwork.freePort()
            let config = directory + "/sshd_config"
            try Data(Self.configuration(port: port, directory: directory, hostKey: hostKey, user: user).utf8)
                .write(to: URL(fileURLWithPath: config))
            let pid = try Self.start(config: config, log: directory + "/sshd.log")
            if Self.waitUntilListening(pid, port: port) {
                self.port = port
                self.pid = pid
                return
            }
            Self.terminate(pid)
            lastError = (try? String(contentsOfFile: directory + "/sshd.log", encoding: .utf8)) ?? ""
        }
        throw FixtureError("sshd did not start: \(lastError)")
    }

    /// `ssh://user@127.0.0.1:port/<absolute path>`.
    public func url(_ path: String) -> String {
        "ssh://\(user)@127.0.0.1:\(port)\(path)"
    }

    /// This server's line for a known_hosts file (OpenSSH writes a non-default port this way).
    public var knownHostsLine: String {
        "[127.0.0.1]:\(port) \(hostPublicKey.split(separator: " ").prefix(2).joined(separator: " "))"
    }

    /// What sshd logged (authentication refusals, commands run), for failure messages.
    public var log: String {
        (try? String(contentsOfFile: directory + "/sshd.log", encoding: .utf8)) ?? ""
    }

    public func stop() {
        Self.terminate(pid)
    }

    /// An ed25519 key pair without a passphrase.
    static func generateKey(at path: String) throws {
        let result = try ChildProcess.run(keygen, ["-q", "-t", "ed25519", "-N", "", "-C", "tenantctl-test", "-f", path])
        guard result.status == 0 else { throw FixtureError("ssh-keygen failed: \(result.stderr)") }
    }

    private static func configuration(port: UInt16, directory: String, hostKey: String, user: String) -> String {
        """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(hostKey)
        PidFile \(directory)/sshd.pid
        AuthorizedKeysFile \(directory)/authorized_keys
        StrictModes no
        UsePAM no
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PermitRootLogin prohibit-password
        AllowUsers \(user)
        MaxAuthTries 6
        LogLevel VERBOSE

        """
    }

    /// Spawned with posix_spawn, not Foundation's Process: sshd closes every descriptor it did not
    /// open when it starts, including the one Process watches to learn that its child ended.
    /// Process then takes sshd for dead and blocks in waitpid on it, and from then on notices no
    /// other child's exit: every later `Process.waitUntilExit` in the test hangs.
    private static func start(config: String, log: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // -D: stay in the foreground, so SIGTERM stops it; -e: log to stderr (the log file).
        let arguments = [sshd, "-D", "-e", "-f", config]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, sshd, &actions, nil, &argv, environ)
        guard status == 0 else { throw FixtureError("cannot start sshd: \(String(cString: strerror(status)))") }
        return pid
    }

    private static func isRunning(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    private static func terminate(_ pid: pid_t) {
        guard isRunning(pid) else { return }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    private static func waitUntilListening(_ pid: pid_t, port: UInt16) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            guard isRunning(pid) else { return false }
            if TestNetwork.canConnect(port: port) { return true }
            usleep(50_000)
        }
        return false
    }
}
