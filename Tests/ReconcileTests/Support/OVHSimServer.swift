import Foundation
import GitTestSupport
import XCTest

/// The built ovh-sim on a free loopback port, seeded with one application, one consumer key
/// allowed everything and the zones given; stopped with SIGKILL (its state is memory only).
final class OVHSimServer: @unchecked Sendable {
    let process = Process()
    let directory: String
    let port: Int
    var apiURL: String { "http://127.0.0.1:\(port)/1.0" }
    var logFile: String { directory + "/requests.log" }

    /// - Parameters:
    ///   - zones: zone name → records as ovh-sim's seed writes them (`subDomain`, `fieldType`, `target`, `ttl`).
    init(applicationKey: String, applicationSecret: String, consumerKey: String, zones: [String: [[String: Any]]]) throws {
        directory = NSTemporaryDirectory() + "tenantctl-ovh-sim-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let seed: [String: Any] = [
            "applications": [["key": applicationKey, "secret": applicationSecret]],
            "consumers": [["key": consumerKey, "application": applicationKey]],
            "zones": zones.sorted { $0.key < $1.key }.map { ["name": $0.key, "records": $0.value] },
        ]
        try JSONSerialization.data(withJSONObject: seed).write(to: URL(fileURLWithPath: directory + "/sim.json"))
        process.executableURL = URL(fileURLWithPath: try ProductBinary.locate("ovh-sim"))
        process.arguments = ["--listen", "127.0.0.1:0", "--port-file", directory + "/port", "--config", directory + "/sim.json", "--log", directory + "/requests.log"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            found = (try? String(contentsOfFile: directory + "/port", encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if found == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        guard let found else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw FixtureError("ovh-sim did not start")
        }
        port = found
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    func removeFolder() { try? FileManager.default.removeItem(atPath: directory) }

    /// A simulator control (`/sim/...`), its JSON answer.
    func admin(_ path: String) throws -> Any {
        let result = try ChildProcess.run("/usr/bin/env", ["curl", "-s", "-S", "--max-time", "20", "http://127.0.0.1:\(port)/sim" + path], timeout: 30)
        guard result.status == 0 else { throw FixtureError("ovh-sim \(path): \(result)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }

    /// `subDomain fieldType target` of each record of `zone` in `view` (`records`: what the API
    /// holds; `served`: what the name servers serve since the last refresh).
    func lines(_ zone: String, _ view: String) throws -> [String] {
        ((try admin("/zones/\(zone)/\(view)") as? [[String: Any]]) ?? []).map {
            "\($0["subDomain"] as? String ?? "") \($0["fieldType"] as? String ?? "") \($0["target"] as? String ?? "")"
        }.sorted()
    }
}

/// A real moto_server (PyPI `moto[server]`, installed by `make python-deps`) on a free loopback
/// port, for Route 53; skipped when it is not installed.
final class MotoRoute53: @unchecked Sendable {
    let process = Process()
    let port: Int
    var endpoint: String { "http://127.0.0.1:\(port)" }

    init() throws {
        let probe = try ChildProcess.run("/bin/sh", ["-c", "command -v moto_server && python3 -c 'import boto3'"], timeout: 30)
        guard probe.status == 0 else { throw XCTSkip("moto_server (PyPI moto[server]) is not installed: make python-deps installs it") }
        port = Int(try TestNetwork.freePort())
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["moto_server", "-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let answer = try ChildProcess.run("/usr/bin/env", ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", endpoint + "/moto-api/"], timeout: 10)
            if answer.stdout.hasPrefix("200") { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        stop()
        throw FixtureError("moto_server did not start on port \(port)")
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Runs boto3's Route 53 client against this server: `script` sees `client` and prints its answer.
    func boto(_ script: String, key: String, secret: String) throws -> String {
        let program = """
        import boto3, json, sys
        client = boto3.client("route53", endpoint_url="\(endpoint)", region_name="us-east-1",
                              aws_access_key_id=sys.argv[1], aws_secret_access_key=sys.argv[2])
        \(script)
        """
        let result = try ChildProcess.run("/usr/bin/env", ["python3", "-c", program, key, secret], timeout: 60)
        guard result.status == 0 else { throw FixtureError("boto3: \(result)") }
        return result.stdout
    }
}
