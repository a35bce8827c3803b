import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension StateStore {
    static let digestKeyName = "secret-digest.key"

    /// The key of the digests of applied secret values: 32 random bytes in the state directory
    /// (0600), made on first use. Without it a digest of a short password could be brute-forced;
    /// with it, a digest in a snapshot or the journal says only "same value or not".
    /// With `create` false (commands that only read), nil when there is none yet.
    public func secretDigestKey(create: Bool) throws -> [UInt8]? {
        let path = directory + "/" + Self.digestKeyName
        if let data = FileManager.default.contents(atPath: path), data.count == 32 { return Array(data) }
        guard create else { return nil }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        // Unique per call: two threads of one process may make the key at once.
        let temporary = path + ".\(getpid()).\(UUID().uuidString).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.cannotOpenDatabase(path: path, reason: String(cString: strerror(errno))) }
        let written = key.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        // link(2) fails if another process made the key first: then theirs is the key.
        defer { unlink(temporary) }
        if written == key.count, link(temporary, path) == 0 { return key }
        guard let data = FileManager.default.contents(atPath: path), data.count == 32 else {
            throw StoreError.cannotOpenDatabase(path: path, reason: "the secret digest key is unreadable or not 32 bytes")
        }
        return Array(data)
    }
}
