import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the state lives on disk, and creating it with owner-only permissions: the journal
/// names every tenant, model and Vault path of the platform, which is nobody else's business.
enum StateDirectory {
    static let databaseName = "tenantctl.sqlite"

    /// `$TENANTCTL_STATE_DIR`, else `$XDG_DATA_HOME/tenantctl`, else `~/.local/share/tenantctl`.
    /// A relative `XDG_DATA_HOME` is ignored, as the XDG spec requires.
    static func defaultPath(environment: [String: String]) -> String {
        if let explicit = environment["TENANTCTL_STATE_DIR"], !explicit.isEmpty {
            return explicit
        }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return join(data, "tenantctl")
        }
        return join(join(homeDirectory(environment: environment), ".local/share"), "tenantctl")
    }

    /// Creates `path` and its missing parents with mode 0700 (what the XDG spec asks for data
    /// directories). An existing directory that other users can open is refused: the journal
    /// says which models tenantctl may destroy, and another user must not be able to edit it.
    static func create(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError.cannotCreateDirectory(path: path, reason: "a file that is not a directory is in the way")
            }
            try refuseExposed(path, what: "state directory", fix: "chmod 700")
            return
        }
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") where !component.isEmpty {
            prefix += "/" + component
            if mkdir(prefix, 0o700) == 0 {
                // The umask may have narrowed the mode; never widen it past 0700 though.
                _ = chmod(prefix, 0o700)
                continue
            }
            let code = errno
            if code == EEXIST, FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory),
               isDirectory.boolValue {
                continue
            }
            let reason = code == EEXIST ? "\(prefix) is not a directory" : describe(errno: code, at: prefix)
            throw StoreError.cannotCreateDirectory(path: path, reason: reason)
        }
    }

    /// Creates the database file with mode 0600 before SQLite opens it: SQLite would create it
    /// with 0644 minus the umask, and gives its -wal and -shm files the mode of the main file.
    static func createDatabaseFile(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            if code == EEXIST { return }  // checked once SQLite has recognised it (StateStore.init)
            throw StoreError.cannotOpenDatabase(path: path, reason: describe(errno: code, at: path))
        }
        defer { close(fd) }
        // Exactly 0600 whatever the umask: a umask of 0277 would leave a file SQLite can't write.
        _ = fchmod(fd, 0o600)
    }

    static func refuseExposed(_ path: String, what: String, fix: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }  // opening it reports what is wrong
        let mode = Int(info.st_mode & 0o777)
        if mode & 0o077 != 0 { throw StoreError.exposed(path: path, mode: mode, what: what, fix: fix) }
    }

    static func describe(errno code: Int32, at path: String) -> String {
        let message = String(cString: strerror(code)).lowercased()
        return code == EACCES || code == EPERM ? "permission denied on \(path)" : message
    }

    private static func join(_ base: String, _ leaf: String) -> String {
        base.hasSuffix("/") ? base + leaf : base + "/" + leaf
    }

    private static func homeDirectory(environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { return String(cString: dir) }
        return NSHomeDirectory()
    }
}
