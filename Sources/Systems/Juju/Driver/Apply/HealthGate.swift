import Foundation
import Juju
import TenantCore
import JujuPlanning
import PlanModel
import Reconciler

/// Waits until the applications of an environment are healthy: every unit active with an idle
/// agent, the expected number of units, continuously for a settle period. A unit in `error` or
/// `blocked` fails the gate at once with its message; a timeout names the unit still blocking.
public struct HealthGate: Sendable {
    public var timeout: Duration
    public var settle: Duration
    public var interval: Duration
    /// Told, at most every `reportEvery`, what the gate still waits for (a wait of minutes must
    /// name the unit it is on, not only that it is still running).
    public var report: (@Sendable (String) -> Void)?
    public var reportEvery: Duration

    public init(timeout: Duration = .seconds(600), settle: Duration = .seconds(2), interval: Duration = .milliseconds(500),
                reportEvery: Duration = .seconds(15), report: (@Sendable (String) -> Void)? = nil) {
        self.timeout = timeout
        self.settle = settle
        self.interval = interval
        self.reportEvery = reportEvery
        self.report = report
    }

    /// Returns the status that passed the gate (dependents read addresses from it).
    @discardableResult
    public func wait(juju: JujuCLI, controller: String, model: String, applications: [String],
                     expectedUnits: [String: Int]) async throws -> JujuStatus {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var healthySince: ContinuousClock.Instant?
        var lastProblem = "no status read yet"
        var lastReport = clock.now
        while true {
            if let report, lastReport.duration(to: clock.now) >= reportEvery {
                report("[\(controller):\(model)] health gate waiting for \(lastProblem)")
                lastReport = clock.now
            }
            let status: JujuStatus
            do {
                status = try await juju.status(controller: controller, model: model)
            } catch let error as JujuCommandError where error.isTransient {
                lastProblem = error.description
                healthySince = nil
                try await sleepOrTimeout(until: deadline, problem: lastProblem)
                continue
            }
            switch Self.assess(status, applications: applications, expectedUnits: expectedUnits) {
            case let .failed(message):
                throw HealthGateError.failed(message)
            case let .pending(message):
                lastProblem = message
                healthySince = nil
            case .healthy:
                let since = healthySince ?? clock.now
                healthySince = since
                if since.duration(to: clock.now) >= settle { return status }
            }
            try await sleepOrTimeout(until: deadline, problem: lastProblem)
        }
    }

    private func sleepOrTimeout(until deadline: ContinuousClock.Instant, problem: String) async throws {
        if ContinuousClock().now >= deadline {
            throw HealthGateError.timedOut(seconds: Int(timeout.components.seconds), problem)
        }
        try await Task.sleep(for: interval)
    }

    enum Assessment: Equatable { case healthy, pending(String), failed(String) }

    static func assess(_ status: JujuStatus, applications: [String], expectedUnits: [String: Int]) -> Assessment {
        for name in applications.sorted() {
            guard let application = status.applications[name] else { return .pending("application \(name) is not in the model yet") }
            if application.isSubordinate {
                // A subordinate's units are listed under their principals' units only.
                let units = status.applications.values.flatMap { $0.units.values.flatMap(\.subordinates) }
                    .filter { $0.key.hasPrefix(name + "/") }.sorted { $0.key < $1.key }
                for (unitName, unit) in units {
                    if let problem = assess(unitName, unit) { return problem }
                }
                continue
            }
            let units = application.units
            if let expected = expectedUnits[name], units.count != expected {
                return .pending("application \(name) has \(units.count) of \(expected) units")
            }
            for unitName in units.keys.sorted() {
                let unit = units[unitName]!
                if let problem = assess(unitName, unit) { return problem }
                // A principal is not healthy while a subordinate on it is in error or blocked.
                for subordinate in unit.subordinates.keys.sorted() {
                    if let problem = assess(subordinate, unit.subordinates[subordinate]!) { return problem }
                }
            }
        }
        return .healthy
    }

    /// nil when the unit passes. Juju's own rules (UnitHealth) say what failed and what may still
    /// settle; the gate is stricter on one point: a hook still executing is not settled yet.
    private static func assess(_ name: String, _ unit: JujuStatus.Unit) -> Assessment? {
        switch unit.health {
        case let .failed(message):
            return .failed("unit \(name) is \(message)")
        case let .pending(message):
            return .pending("unit \(name): \(message)")
        case .healthy:
            let agent = unit.jujuStatus?.current ?? "unknown"
            return agent == "idle" ? nil : .pending("unit \(name) is active, agent \(agent)")
        }
    }
}

public enum HealthGateError: Error, CustomStringConvertible, Equatable {
    case failed(String)
    case timedOut(seconds: Int, String)

    public var description: String {
        switch self {
        case let .failed(message): return "health gate failed: \(message)"
        case let .timedOut(seconds, problem): return "health gate timed out after \(seconds) s: \(problem)"
        }
    }
}
