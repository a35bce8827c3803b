import DNSPlanning
import Foundation
import PlanModel
import Reconciler
import TenantCore
import XCTest

/// Secrets held in memory for the registration tests: provider credentials and contacts.
struct MemorySecrets: SecretSource {
    let values: [String: String]

    func value(for reference: VaultReference) async throws -> String {
        guard let value = values["\(reference.path)#\(reference.key)"] else { throw SecretError("secret \(reference) is not set") }
        return value
    }

    /// A contact as the fleet's Vault path holds it; the values are canaries the outputs must not show.
    static func contact(at path: String) -> [String: String] {
        ["firstName": "Ada", "lastName": "Lovelace-canary", "email": "ada.canary@example.com", "phoneNumber": "+33.123456789",
         "addressLine1": "1 rue de la Paix canary", "city": "Paris", "countryCode": "FR", "zipCode": "75002"]
            .reduce(into: [:]) { $0["\(path)#\($1.key)"] = $1.value }
    }

    static let canaries = ["Lovelace-canary", "ada.canary@example.com", "1 rue de la Paix canary", "+33.123456789"]
}

/// The journal in memory: owned resources with their references, as the state store keeps them.
final class MemoryBook: OwnedResourceReferenceBook, @unchecked Sendable {
    private let lock = NSLock()
    private var rows: [String: [String: (owner: String, applied: String?)]] = [:]
    /// Every reference written, in order: the stages a purchase went through.
    private(set) var history: [String] = []

    func ownedResources(of system: String) throws -> [String: String] {
        lock.withLock { (rows[system] ?? [:]).mapValues(\.owner) }
    }

    func recordOwnedResource(system: String, address: String, owner: String) throws {
        lock.withLock { rows[system, default: [:]][address] = (owner, rows[system]?[address]?.applied) }
    }

    func ownedResourceReferences(of system: String) throws -> [String: String] {
        lock.withLock { (rows[system] ?? [:]).compactMapValues(\.applied) }
    }

    func recordOwnedResource(system: String, address: String, owner: String, applied: String) throws {
        lock.withLock {
            rows[system, default: [:]][address] = (owner, applied)
            history.append(applied)
        }
    }
}

/// moto_server with the Route 53 Domains calls moto 5.2.1 lacks added in AWS's shapes
/// (Scripts/moto_domains.py), optionally with its faults.
final class MotoDomainsServer {
    private(set) var process = Process()
    private(set) var port = 0
    /// The port of the per-operation call counters.
    private(set) var callsPort = 0
    var endpoint: URL { URL(string: "http://127.0.0.1:\(port)")! }

    init(environment: [String: String] = [:]) throws {
        guard MotoServer.available() else { throw XCTSkip("moto_server is not installed: run `make python-deps`") }
        let script = try XCTUnwrap(Bundle.module.url(forResource: "moto_domains", withExtension: "py", subdirectory: "Scripts"))
        // Two ports the kernel handed out then let go can be taken again before the script binds
        // them (another test's client, a TIME_WAIT): a start that fails that way is tried again on
        // fresh ports, and the last failure says what the script printed.
        var failure = ""
        for _ in 0..<3 {
            port = try ChildProcess.freePort()
            callsPort = try ChildProcess.freePort()
            if port == callsPort { continue }
            failure = try start(script: script, environment: environment)
            if failure.isEmpty { return }
        }
        throw NSError(domain: "MotoDomainsServer", code: 1, userInfo: [NSLocalizedDescriptionKey: "moto_domains.py did not start: \(failure)"])
    }

    /// Starts the script on `port` and `callsPort`; answers "" once both answer, else why not.
    private func start(script: URL, environment: [String: String]) throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("moto-domains-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { return "cannot create the log file \(log.path)" }
        defer { try? FileManager.default.removeItem(at: log) }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, String(port), String(callsPort)]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            if try answers("http://127.0.0.1:\(callsPort)/"), try answers("http://127.0.0.1:\(port)/moto-api/") { return "" }
            Thread.sleep(forTimeInterval: 0.2)
        }
        ChildProcess.stop(process)
        let printed = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return "ports \(port) and \(callsPort): " + (printed.isEmpty ? "no output" : String(printed.suffix(600)))
    }

    private func answers(_ url: String) throws -> Bool {
        try ChildProcess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", url]).output.hasPrefix("200")
    }

    /// Calls per Route 53 Domains operation so far.
    func calls() throws -> [String: Int] {
        let result = try ChildProcess.run(["curl", "-s", "--max-time", "5", "http://127.0.0.1:\(callsPort)/"])
        return (try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Int]) ?? [:]
    }

    deinit { ChildProcess.stop(process) }
}
