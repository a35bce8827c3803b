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

    /// A fresh private folder under `parent` (mkdtemp), removed after `body`.
    static func withFolder<Result: Sendable>(in parent: String, _ body: (String) async throws -> Result) async throws -> Result {
        try makeDirectory(parent)
        var template = Array((parent + "/run-XXXXXX").utf8CString)
        guard let pointer = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure(description: "cannot create a private folder in \(parent): \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: pointer)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try await body(folder)
    }
}
