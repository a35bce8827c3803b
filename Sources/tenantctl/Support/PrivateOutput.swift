import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files tenantctl writes for its user (plans, snapshots): 0600 whatever the umask, replaced
/// whole (a reader never sees half a plan), never through a link someone planted.
enum PrivateOutput {
    static func save(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CLIError("cannot write \(path): \(String(cString: strerror(errno)))") }
        var failure: String?
        if fchmod(fd, 0o600) != 0 { failure = String(cString: strerror(errno)) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if failure == nil, written != data.count { failure = "short write" }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw CLIError("cannot write \(path): \(failure)")
        }
    }
}
