import Foundation
#if canImport(Glibc)
import Glibc
import JujuPlanning
import PlanModel
import Reconciler
import TenantCore
#endif

/// The folder where tenantctl puts the files it hands to juju (bundles, `config --file`), which
/// may hold secrets.
///
/// Juju's default install is a strictly confined snap: it has a private `/tmp` and sees only
/// the non-hidden files of `$HOME` (plus its own `~/snap/juju/common`), so a file under
/// `$TMPDIR` or `~/.local` is "not found" for it. The default is therefore
/// `$HOME/snap/juju/common/tenantctl`, a folder only this user can open; each file is 0600,
/// named after the process that wrote it, and removed after the call. Files left behind by a
/// process that died (`kill -9` mid-call) are removed by `sweep()`, which a run calls first.
public struct JujuFiles: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `$TENANTCTL_JUJU_FILES_DIR`, else `$HOME/snap/juju/common/tenantctl`, with `HOME` taken from
    /// the environment juju runs with.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let configured = environment["TENANTCTL_JUJU_FILES_DIR"], !configured.isEmpty { return configured }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/snap/juju/common/tenantctl"
    }

    /// Writes `contents` to a new private file, runs `body` with its path, and removes the file
    /// whatever `body` does.
    @discardableResult
    public func with<T>(contents: String, suffix: String, _ body: (String) async throws -> T) async throws -> T {
        try prepare()
        let path = "\(directory)/\(getpid())-\(UUID().uuidString)\(suffix)"
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw JujuFilesError("cannot create a file for juju in \(directory): \(String(cString: strerror(errno)))") }
        defer { unlink(path) }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw JujuFilesError("cannot write a file for juju in \(directory)") }
        return try await body(path)
    }

    /// Removes the files of processes that no longer run; files of a run in progress stay.
    public func sweep() throws {
        guard FileManager.default.fileExists(atPath: directory) else { return }
        try prepare()
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw JujuFilesError("cannot list \(directory) to remove what a killed run left there: \(error.localizedDescription)")
        }
        for name in names {
            guard let pid = Int32(name.prefix { $0.isNumber }), pid > 0 else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { unlink("\(directory)/\(name)") }
        }
    }

    /// Creates the folder (0700) when missing; refuses one owned by someone else and closes one
    /// that others could open.
    func prepare() throws {
        var info = stat()
        if lstat(directory, &info) != 0 {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw JujuFilesError("cannot create \(directory) for the files juju reads (set --juju-files-dir): \(error.localizedDescription)")
            }
            chmod(directory, 0o700)
            guard lstat(directory, &info) == 0 else { throw JujuFilesError("cannot read \(directory) after creating it") }
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw JujuFilesError("\(directory) is not a folder (a link or a file is refused: juju's files hold secrets); set --juju-files-dir")
        }
        guard info.st_uid == geteuid() else {
            throw JujuFilesError("\(directory) belongs to user \(info.st_uid), not to this user: refusing to put secrets there; set --juju-files-dir")
        }
        if info.st_mode & 0o077 != 0 { chmod(directory, 0o700) }
    }
}

public struct JujuFilesError: UserFacingError, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
    public var userMessage: String { description }
}
