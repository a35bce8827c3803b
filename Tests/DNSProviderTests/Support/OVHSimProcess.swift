import Foundation
import XCTest

/// Runs the built ovh-sim binary on a free loopback port with a seed, and stops it with SIGTERM.
final class OVHSimProcess {
    let process = Process()
    let directory: URL
    let port: Int
    let logFile: URL
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var apiURL: String { baseURL + "/1.0" }

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["OVH_SIM_BIN"] { return URL(fileURLWithPath: path) }
        return Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("ovh-sim")
    }

    /// The keys of the default seed: one application, a consumer key allowed everything, and a
    /// consumer key allowed to read only.
    static let applicationKey = "sim-application-key"
    static let applicationSecret = "sim-application-secret-canary-7f3a"
    static let consumerKey = "sim-consumer-key-all"
    static let readOnlyConsumerKey = "sim-consumer-key-read"

    static let defaultConfig = """
        {"applications": [{"key": "\(applicationKey)", "secret": "\(applicationSecret)"}],
         "consumers": [{"key": "\(consumerKey)", "application": "\(applicationKey)"},
                       {"key": "\(readOnlyConsumerKey)", "application": "\(applicationKey)",
                        "rules": [{"method": "GET", "path": "/domain/zone/*"}]}],
         "zones": [{"name": "acme.fr", "records": [
             {"subDomain": "", "fieldType": "NS", "target": "dns200.anycast.me.", "ttl": 0},
             {"subDomain": "", "fieldType": "A", "target": "203.0.113.1", "ttl": 0},
             {"subDomain": "", "fieldType": "TXT", "target": "\\"v=spf1 include:mx.ovh.com ~all\\"", "ttl": 0},
             {"subDomain": "www", "fieldType": "CNAME", "target": "acme.fr.", "ttl": 3600},
             {"subDomain": "mail", "fieldType": "MX", "target": "1 mx1.mail.ovh.net.", "ttl": 0}]},
           {"name": "bibind.com"}]}
        """

    init(config: String = OVHSimProcess.defaultConfig) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ovh-sim-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        logFile = directory.appendingPathComponent("requests.log")
        let portFile = directory.appendingPathComponent("port")
        let configFile = directory.appendingPathComponent("sim.json")
        try config.write(to: configFile, atomically: true, encoding: .utf8)
        process.executableURL = Self.binary
        process.arguments = ["--listen", "127.0.0.1:0", "--port-file", portFile.path, "--config", configFile.path, "--log", logFile.path]
        process.standardOutput = FileHandle.nullDevice
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
            ChildProcess.stop(process)
            throw NSError(domain: "OVHSimProcess", code: 1, userInfo: [NSLocalizedDescriptionKey: "ovh-sim did not start"])
        }
        port = found
    }

    deinit {
        ChildProcess.stop(process)
        try? FileManager.default.removeItem(at: directory)
    }

    /// An admin call through curl; the answer parsed as JSON.
    @discardableResult
    func admin(_ method: String, _ path: String, _ body: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> Any? {
        var arguments = ["curl", "-s", "-S", "--max-time", "30", "-X", method, "-w", "\n%{http_code}"]
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        arguments.append(baseURL + "/sim" + path)
        let result = try ChildProcess.run(arguments)
        var lines = result.output.components(separatedBy: "\n")
        let status = Int(lines.popLast() ?? "") ?? 0
        let text = lines.joined(separator: "\n")
        XCTAssertEqual(status, 200, "admin \(method) \(path): \(text)", file: file, line: line)
        return try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// The records the name servers serve (the last refresh), as `(subDomain, fieldType, target, ttl)`.
    func served(_ zone: String) throws -> [[String: Any]] {
        (try admin("GET", "/zones/\(zone)/served") as? [[String: Any]]) ?? []
    }

    func records(_ zone: String) throws -> [[String: Any]] {
        (try admin("GET", "/zones/\(zone)/records") as? [[String: Any]]) ?? []
    }

    func requestLog() -> [String] {
        ((try? String(contentsOf: logFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}
