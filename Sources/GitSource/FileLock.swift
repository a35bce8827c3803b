#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a file, so that tenantctl processes sharing a cache directory do not
/// clone or fetch into the same mirror at once. The kernel drops the lock if the process dies,
/// so a crash never leaves the cache locked. The lock file itself is never deleted: removing it
/// while another process waits on it would let a third lock a new file of the same name.
final class FileLock {
    private var descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw GitSourceError.libgit2(
                operation: "open the cache lock file \(path)", message: String(cString: strerror(errno)))
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let message = String(cString: strerror(errno))
                close(descriptor)
                throw GitSourceError.libgit2(operation: "lock the cache lock file \(path)", message: message)
            }
        }
    }

    func unlock() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { unlock() }
}
