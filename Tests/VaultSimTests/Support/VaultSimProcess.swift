import Foundation
import XCTest

/// Runs the built vault-sim binary on a free loopback port, the way tests and the demo use it,
/// and stops it with SIGTERM.
final class VaultSimProcess {
    let process = Process()
    let directory: URL
    let port: Int
    let rootToken: String
    var baseURL: String { "http://127.0.0.1:\(port)" }
    let logFile: URL
    let stdoutFile: URL

    /// The binary SwiftPM built next to the test bundle (`VAULT_SIM_BIN` overrides).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["VAULT_SIM_BIN"] { return URL(fileURLWithPath: path) }
        return Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("vault-sim")
    }

    init(config: String? = nil, rootToken: String = "root-\(UUID().uuidString.prefix(8))", extraArguments: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vault-sim-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.rootToken = rootToken
        logFile = directory.appendingPathComponent("requests.log")
        stdoutFile = directory.appendingPathComponent("stdout")
        let portFile = directory.appendingPathComponent("port")
        var arguments = ["--listen", "127.0.0.1:0", "--port-file", portFile.path, "--root-token", rootToken, "--log", logFile.path]
        if let config {
            let configFile = directory.appendingPathComponent("sim.json")
            try config.write(to: configFile, atomically: true, encoding: .utf8)
            arguments += ["--config", configFile.path]
        }
        process.executableURL = Self.binary
        process.arguments = arguments + extraArguments
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            found = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if found == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        guard let found else {
            process.terminate()
            throw NSError(domain: "VaultSimProcess", code: 1, userInfo: [NSLocalizedDescriptionKey: "vault-sim did not start"])
        }
        port = found
    }

    /// SIGTERM, then waits; returns the exit status (nil if it had to be killed).
    @discardableResult
    func stop(timeout: Double = 10) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// One request through curl, with the root token unless another is given or `anonymous`.
    func curl(_ method: String, _ path: String, token: String? = nil, anonymous: Bool = false, namespace: String? = nil,
              body: String? = nil, headers: [String] = []) throws -> CurlResult {
        let chosen: String? = anonymous ? nil : (token ?? rootToken)
        return try Curl.request(method, baseURL + path, token: chosen, namespace: namespace, body: body, headers: headers)
    }

    /// The admin API, always with the root token; fails the test unless it answers 2xx.
    @discardableResult
    func admin(_ path: String, _ body: String = "{}", file: StaticString = #filePath, line: UInt = #line) throws -> CurlResult {
        let result = try curl("POST", "/sim/" + path, body: body)
        XCTAssertTrue((200..<300).contains(result.status), "admin \(path): \(result.status) \(result.body)", file: file, line: line)
        return result
    }

    /// A token created through the admin API: its id.
    func makeToken(_ spec: String) throws -> String {
        let result = try admin("tokens", spec)
        return try XCTUnwrap(result.json?["id"] as? String)
    }

    func requestLog() -> [String] {
        ((try? String(contentsOf: logFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}
