import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file only this user can read, in a folder of its own (0700, made by mkdtemp), removed with
/// its folder after use: how a TSIG key and update commands reach `dig` and `nsupdate` without
/// any secret on a command line.
enum PrivateTemporaryFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func with<Result: Sendable>(contents: String, _ body: @Sendable (String) async throws -> Result) async throws -> Result {
        var template = Array((NSTemporaryDirectory() + "/tenantctl-dns-XXXXXX").utf8CString)
        guard let folderPointer = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure(description: "cannot create a private temporary folder: \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: folderPointer)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/data"
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot create a private temporary file: \(String(cString: strerror(errno)))") }
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard result > 0 else {
                close(fd)
                throw Failure(description: "cannot write a private temporary file: \(String(cString: strerror(errno)))")
            }
            written += result
        }
        close(fd)
        return try await body(path)
    }
}
