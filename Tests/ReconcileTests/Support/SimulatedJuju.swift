import Foundation
import GitTestSupport
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import XCTest

/// A juju-sim world in a temporary directory, with its controllers bootstrapped.
final class SimulatedJuju {
    let home: String
    let binary: String
    var environment: [String: String]

    init(settleSeconds: Double = 0, extra: [String: String] = [:]) throws {
        binary = try ProductBinary.locate("juju-sim")
        home = NSTemporaryDirectory() + "tenantctl-reconcile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("JUJU_") && !$0.key.hasPrefix("TENANTCTL_") }
        environment["JUJU_SIM_HOME"] = home + "/sim"
        environment["JUJU_SIM_SETTLE_SECONDS"] = String(settleSeconds)
        for (key, value) in extra { environment[key] = value }
        self.environment = environment
        try run("bootstrap", "microk8s", "k8s")
        try run("bootstrap", "openstack", "cloud")
    }

    deinit { try? FileManager.default.removeItem(atPath: home) }

    func cli(timeout: Duration = .seconds(30), extra: [String: String] = [:]) -> JujuCLI {
        JujuCLI(binary: binary, timeout: timeout, environment: environment.merging(extra) { $1 })
    }

    @discardableResult
    func run(_ arguments: String..., extra: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError("juju-sim \(arguments.joined(separator: " ")) failed: \(String(decoding: errorData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    func status(_ model: String) throws -> [String: Any] {
        let text = try run("status", "-m", model, "--format=json")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Units per application and the machine count, as Juju shows them: what duplicates would change.
    func census(_ model: String) throws -> (units: [String: Int], machines: Int) {
        let status = try status(model)
        let applications = status["applications"] as? [String: [String: Any]] ?? [:]
        var units: [String: Int] = [:]
        for (name, application) in applications { units[name] = (application["units"] as? [String: Any])?.count ?? 0 }
        return (units, (status["machines"] as? [String: Any])?.count ?? 0)
    }
}
