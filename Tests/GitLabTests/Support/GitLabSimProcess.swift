import Foundation
import GitTestSupport
import XCTest

/// Runs the built gitlab-sim on a free loopback port with a seed, and stops it with SIGTERM.
final class GitLabSimProcess {
    let process = Process()
    let directory: URL
    let port: Int
    let logFile: URL
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var apiURL: String { baseURL + "/api/v4" }

    static let token = "glpat-sim-bot-token"
    static let otherToken = "glpat-sim-other-token"
    static let jobToken = "glcbt-sim-job-token"
    static let projectID = 42
    static let projectPath = "platform/tenants"

    static let defaultConfig = """
        {"users": [{"id": 7, "username": "tenantctl-bot", "name": "tenantctl bot", "tokens": ["\(token)"]},
                   {"id": 8, "username": "alice", "name": "Alice", "tokens": ["\(otherToken)"]}],
         "jobTokens": ["\(jobToken)"],
         "projects": [{"id": \(projectID), "path": "\(projectPath)", "defaultBranch": "main", "mergeRequests": [1, 2, 3]}]}
        """

    init(config: String = GitLabSimProcess.defaultConfig) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gitlab-sim-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        logFile = directory.appendingPathComponent("requests.log")
        let portFile = directory.appendingPathComponent("port")
        let configFile = directory.appendingPathComponent("sim.json")
        try config.write(to: configFile, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: try ProductBinary.locate("gitlab-sim"))
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
            Self.stop(process)
            throw FixtureError("gitlab-sim did not start")
        }
        port = found
    }

    deinit {
        Self.stop(process)
        try? FileManager.default.removeItem(at: directory)
    }

    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// An admin call through curl; the answer parsed as JSON.
    @discardableResult
    func admin(_ method: String, _ path: String, _ body: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> Any? {
        var arguments = ["-s", "-S", "--max-time", "30", "-X", method, "-w", "\n%{http_code}"]
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        arguments.append(baseURL + "/sim" + path)
        let result = try ChildProcess.run("/usr/bin/curl", arguments)
        var lines = result.stdout.components(separatedBy: "\n")
        let status = Int(lines.popLast() ?? "") ?? 0
        let text = lines.joined(separator: "\n")
        XCTAssertTrue((200..<300).contains(status), "admin \(method) \(path): \(status) \(text) \(result.stderr)", file: file, line: line)
        return try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    func state() throws -> [String: Any] { (try admin("GET", "/state") as? [String: Any]) ?? [:] }
    func notes() throws -> [[String: Any]] { (try state()["notes"] as? [[String: Any]]) ?? [] }
    func statuses() throws -> [[String: Any]] { (try state()["statuses"] as? [[String: Any]]) ?? [] }

    /// A note by another user, planted through the admin API.
    func plantNote(mergeRequest: Int, body: String, author: String = "alice", system: Bool = false) throws {
        let object: [String: Any] = ["project": Self.projectID, "mergeRequest": mergeRequest, "body": body, "author": author, "system": system]
        try admin("POST", "/notes", String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
    }

    func requestLog() -> [String] {
        ((try? String(contentsOf: logFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}

/// Raw HTTP through curl, to check gitlab-sim's answers with a client outside the product.
enum Curl {
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) }
    }

    static func call(_ method: String, _ url: String, headers: [String] = [], body: String? = nil) throws -> Answer {
        let scratch = NSTemporaryDirectory() + "curl-headers-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var arguments = ["-s", "-S", "--max-time", "30", "-X", method, "-D", scratch, "-w", "\n%{http_code}"]
        for header in headers { arguments += ["-H", header] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        arguments.append(url)
        let result = try ChildProcess.run("/usr/bin/curl", arguments)
        var lines = result.stdout.components(separatedBy: "\n")
        let status = Int(lines.popLast() ?? "") ?? 0
        var fields: [String: String] = [:]
        for line in ((try? String(contentsOfFile: scratch, encoding: .utf8)) ?? "").components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Answer(status: status, headers: fields, body: lines.joined(separator: "\n"))
    }
}
