import Foundation

/// One line per request (`--log F`): time, method, path and status, so that tests and benchmarks
/// can count calls. Never a header (keys, signature) nor a body.
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

    func record(method: String, path: String, status: Int, at date: Date) {
        // Milliseconds: a benchmark reads how long the requests of a run spanned.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let line = "\(formatter.string(from: date)) \(method) \(path) \(status)\n"
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data(line.utf8))
    }
}
