import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files only this user can read, in folders only this user can open: how credentials reach
/// the challenge hook and EAB keys reach certbot, never through argv or the environment.
enum PrivateFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Creates `path` and its missing parents with mode 0700.
    static func makeDirectory(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") where !component.isEmpty {
            prefix += "/" + component
            if mkdir(prefix, 0o700) == 0 { _ = chmod(prefix, 0o700); continue }
            guard errno == EEXIST else { throw Failure(description: "cannot create \(prefix): \(String(cString: strerror(errno)))") }
        }
        _ = chmod(path, 0o700)
    }

    /// Writes `contents` to a new 0600 file at `path` (replacing one that is there).
    static func write(_ contents: String, to path: String) throws {
        unlink(path)
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard result > 0 else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
            written += result
        }
    }

    /// A fresh private folder under `parent` (mkdtemp), removed after `body`. Its name carries
    /// this process's id, so that folders a killed run left behind (they hold DNS credentials
    /// and EAB keys) are found and removed by the next one (``removeAbandonedFolders(in:)``).
    static func withFolder<Result: Sendable>(in parent: String, _ body: (String) async throws -> Result) async throws -> Result {
        try makeDirectory(parent)
        removeAbandonedFolders(in: parent)
        var template = Array((parent + "/run-\(getpid())-XXXXXX").utf8CString)
        guard let pointer = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure(description: "cannot create a private folder in \(parent): \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: pointer)
        // Best effort: a folder that cannot be removed now is removed by the next run's sweep.
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try await body(folder)
    }

    /// Removes the run folders of processes that are gone: `run-<pid>-XXXXXX` whose process no
    /// longer exists (a run killed with SIGKILL, a crash, a power cut). Folders of this process
    /// and of other live processes (another apply, on other environments) are left alone; so
    /// are names this code did not make. A folder of an older release (`run-XXXXXX`, no pid) is
    /// removed once it is an hour old: no certbot run lasts that long. Answers the folders
    /// removed. Best effort: what cannot be removed is tried again next time.
    @discardableResult
    static func removeAbandonedFolders(in parent: String, now: Date = Date()) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix("run-") {
            let path = parent + "/" + name
            let parts = name.split(separator: "-")
            let abandoned: Bool
            if parts.count == 3, let pid = pid_t(parts[1]), pid > 0 {
                abandoned = pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
            } else if parts.count == 2, parts[1].count == 6 {
                let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now
                abandoned = now.timeIntervalSince(modified) > 3600
            } else {
                abandoned = false
            }
            guard abandoned, (try? FileManager.default.removeItem(atPath: path)) != nil else { continue }
            removed.append(name)
        }
        return removed
    }
}
