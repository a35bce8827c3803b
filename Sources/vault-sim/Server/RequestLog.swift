import Foundation

/// One line per request (`--log F`): time, method, path, status, namespace and whose token it
/// was, so that tests and benchmarks can count calls and see which credential reached which
/// server. Never a token or a secret value: a token is named by its `display_name`
/// (`token=tenantctl`; `token=unknown` for one this server does not know), the path names a
/// secret, the query (a version number) and the bodies are left out.
final class RequestLog: Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
    }

    func record(method: String, path: String, status: Int, namespace: String, tokenName: String?, at date: Date) {
        var line = "\(Timestamps.rfc3339(date)) \(method) \(path) \(status)"
        if !namespace.isEmpty { line += " ns=\(namespace)" }
        if let tokenName { line += " token=\(tokenName)" }
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data((line + "\n").utf8))
    }
}
