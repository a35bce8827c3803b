import Foundation

/// A temporary file readable by this user only, removed after use: how configuration that may
/// hold secrets reaches juju (never through its arguments).
enum PrivateFile {
    @discardableResult
    static func with<T>(contents: String, suffix: String, _ body: (String) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.path
        let path = "\(directory)/tenantctl-\(UUID().uuidString)\(suffix)"
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw SecretError("cannot create a private temporary file in \(directory)") }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        defer { unlink(path) }
        guard written == bytes.count else { throw SecretError("cannot write a private temporary file in \(directory)") }
        return try await body(path)
    }
}
