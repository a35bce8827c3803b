#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `flock` held for the life of a read-modify-write of the state. The kernel releases it if
/// the process dies (killed by a caller's timeout, say), so a crash never leaves the state
/// locked; the lock file is never deleted, so every process locks the same inode.
final class FileLock {
    private var descriptor: Int32

    init(path: String, exclusive: Bool) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SimError.failure("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            guard errno == EINTR else {
                let message = String(cString: strerror(errno))
                close(descriptor)
                throw SimError.failure("cannot lock \(path): \(message)")
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
