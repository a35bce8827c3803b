import Foundation

/// What curl saw: status, Content-Type, the body and the body parsed as a JSON object.
struct CurlResult {
    var status: Int
    var contentType: String
    var body: String
    var elapsed: Double

    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed])) as? [String: Any]
    }

    var data: [String: Any]? { json?["data"] as? [String: Any] }
    var errors: [String]? { json?["errors"] as? [String] }
}

/// HTTP through the curl command-line client: a client outside the product, so a shape test
/// checks the bytes on the wire and not what a Swift client of the project would accept.
enum Curl {
    static func request(_ method: String, _ url: String, token: String?, namespace: String?, body: String?,
                        headers: [String] = []) throws -> CurlResult {
        var arguments = ["-s", "-S", "--max-time", "30", "-X", method, "-w", "\n%{content_type}\n%{http_code}"]
        if let token { arguments += ["-H", "X-Vault-Token: \(token)"] }
        if let namespace { arguments += ["-H", "X-Vault-Namespace: \(namespace)"] }
        for header in headers { arguments += ["-H", header] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        arguments.append(url)
        let started = Date()
        let output = try run("/usr/bin/curl", arguments)
        var lines = output.components(separatedBy: "\n")
        let status = Int(lines.popLast() ?? "") ?? 0
        let contentType = lines.popLast() ?? ""
        return CurlResult(status: status, contentType: contentType, body: lines.joined(separator: "\n"),
                          elapsed: Date().timeIntervalSince(started))
    }

    /// Runs a program and returns its standard output (standard error is passed through).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs a program; standard output and standard error together, and the exit status.
    static func runWithStatus(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
