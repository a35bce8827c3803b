import Foundation
import GitTestSupport
import XCTest

/// The built vault-sim on a free loopback port, seeded by a JSON configuration, stopped with the
/// test. The admin API (`/sim/…`, root token) injects faults and moves the clock.
final class VaultSimServer {
    let process = Process()
    let directory: String
    let port: Int
    let rootToken = "root-\(UUID().uuidString.prefix(8))"
    var address: String { "http://127.0.0.1:\(port)" }
    var logFile: String { directory + "/requests.log" }

    init(config: String) throws {
        directory = NSTemporaryDirectory() + "tenantctl-vault-sim-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try config.write(toFile: directory + "/sim.json", atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: try ProductBinary.locate("vault-sim"))
        process.arguments = ["--listen", "127.0.0.1:0", "--port-file", directory + "/port", "--root-token", rootToken,
                             "--config", directory + "/sim.json", "--log", directory + "/requests.log"]
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            found = (try? String(contentsOfFile: directory + "/port", encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if found == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        guard let found else {
            process.terminate()
            throw FixtureError("vault-sim did not start")
        }
        port = found
    }

    deinit { stop() }

    /// SIGKILL: a child started from a Swift concurrency thread may inherit a mask that blocks
    /// SIGTERM, and a stand-in has nothing to flush.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A request with curl (not the product's client): the admin API, and writes that stand for
    /// a person using Vault.
    @discardableResult
    func curl(_ method: String, _ path: String, body: String? = nil, token: String? = nil) throws -> (status: Int, body: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        var arguments = ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", method, "-H", "X-Vault-Token: \(token ?? rootToken)"]
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        process.arguments = arguments + [address + path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    func admin(_ path: String, _ body: String = "{}", file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try curl("POST", "/sim/" + path, body: body)
        XCTAssertTrue((200..<300).contains(result.status), "vault-sim admin \(path): \(result.status) \(result.body)", file: file, line: line)
    }

    /// Writes a new version of a KV v2 secret, as a person rotating it would.
    func write(_ path: String, _ data: [String: String], mount: String = "secret") throws {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["data": data]), as: UTF8.self)
        let result = try curl("POST", "/v1/\(mount)/data/\(path)", body: body)
        XCTAssertEqual(result.status, 200, result.body)
    }

    func requests() -> [String] {
        ((try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}
