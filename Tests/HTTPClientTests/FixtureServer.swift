import Foundation
import XCTest

struct FixtureFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `Servers/http_fixture.py` running as a child process on a loopback port it picked itself (so
/// no port race), stopped by `stop()`. Its log lists every request that reached it.
final class FixtureServer: @unchecked Sendable {
    let port: UInt16
    let directory: URL
    private let process: Process
    private let logPath: String

    /// Throws (failing the test, not skipping it) when python3 or the script is missing.
    init(proxy: Bool = false, tls: (certificate: String, key: String)? = nil) throws {
        guard let script = Bundle.module.url(forResource: "http_fixture", withExtension: "py", subdirectory: "Servers") else {
            throw FixtureFailure("Servers/http_fixture.py is missing from the test bundle")
        }
        directory = try TemporaryDirectory.make("fixture")
        logPath = directory.appendingPathComponent("requests.log").path
        var arguments = [script.path, "--log", logPath]
        if proxy { arguments.append("--proxy") }
        if let tls { arguments += ["--tls", tls.certificate, tls.key] }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()

        // The first line is "PORT <n>", printed once the socket listens.
        let line = LineReader.firstLine(of: output.fileHandleForReading, timeout: 30)
        guard let line, line.hasPrefix("PORT "), let port = UInt16(line.dropFirst(5)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw FixtureFailure("http_fixture.py did not start (it printed \(line ?? "nothing"))")
        }
        self.port = port
    }

    func url(_ path: String, scheme: String = "http", host: String = "127.0.0.1") -> URL {
        URL(string: "\(scheme)://\(host):\(port)\(path)")!
    }

    /// "<METHOD> <target>" of every request received so far.
    func requests() -> [String] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Waits until at least `count` requests arrived (or the deadline passed).
    func waitForRequests(_ count: Int, timeout: TimeInterval = 30) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if requests().count >= count { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// SIGKILL, not SIGTERM: a child spawned from a thread of Swift's concurrency pool inherits
    /// that thread's mask, in which SIGTERM is blocked.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}

enum LineReader {
    /// The first line a child writes to a pipe, or nil if none comes within `timeout` seconds.
    static func firstLine(of handle: FileHandle, timeout: TimeInterval) -> String? {
        final class Box: @unchecked Sendable {
            var line: String?
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var bytes: [UInt8] = []
            while true {
                let chunk = handle.readData(ofLength: 1)
                if chunk.isEmpty || chunk.first == UInt8(ascii: "\n") { break }
                bytes.append(contentsOf: chunk)
            }
            box.line = bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
            done.signal()
        }
        thread.start()
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        return box.line
    }
}

enum TemporaryDirectory {
    static func make(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("httpclient-tests-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A port nothing listens on: bound by the kernel's pick, then closed again.
enum ClosedPort {
    static func make() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw FixtureFailure("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw FixtureFailure("bind failed") }
        return UInt16(bigEndian: address.sin_port)
    }
}

/// Runs a shell-free command and returns its exit status and output.
@discardableResult
func runCommand(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
