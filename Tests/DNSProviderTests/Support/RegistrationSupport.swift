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
    let process = Process()
    let port: Int
    var endpoint: URL { URL(string: "http://127.0.0.1:\(port)")! }

    init(environment: [String: String] = [:]) throws {
        guard MotoServer.available() else { throw XCTSkip("moto_server is not installed: run `make python-deps`") }
        port = try ChildProcess.freePort()
        let script = try XCTUnwrap(Bundle.module.url(forResource: "moto_domains", withExtension: "py", subdirectory: "Scripts"))
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, String(port)]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let probe = try ChildProcess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", "http://127.0.0.1:\(port + 1)/"])
            if probe.output.hasPrefix("200") { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        ChildProcess.stop(process)
        throw NSError(domain: "MotoDomainsServer", code: 1, userInfo: [NSLocalizedDescriptionKey: "moto_domains.py did not start on port \(port)"])
    }

    /// Calls per Route 53 Domains operation so far.
    func calls() throws -> [String: Int] {
        let result = try ChildProcess.run(["curl", "-s", "--max-time", "5", "http://127.0.0.1:\(port + 1)/"])
        return (try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Int]) ?? [:]
    }

    deinit { ChildProcess.stop(process) }
}
