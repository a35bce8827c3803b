import Foundation
import PlanModel
import Reconciler
import TenantCore

/// A system driven by the test: each change's behaviour is scripted, and every start and end is
/// recorded, so that the walker (the thing under test) is observed from outside.
final class RecordingDriver: SystemDriver, @unchecked Sendable {
    enum Behaviour {
        case succeed([String: String])
        case fail(String, ErrorClass)
        /// Fails transiently `times` times, then succeeds.
        case flaky(times: Int)
        /// Waits until `gate` opens (or the task is cancelled).
        case waitFor(Gate)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        var verdict: ErrorClass
    }

    let system: String
    private let lock = NSLock()
    private var behaviours: [String: Behaviour]
    private var calls: [String: Int] = [:]
    private(set) var events: [String] = []
    private(set) var inputs: [String: ChangeInputs] = [:]
    private var running = 0
    private(set) var maxRunning = 0

    init(system: String, behaviours: [String: Behaviour] = [:]) {
        self.system = system
        self.behaviours = behaviours
    }

    func observe(_ request: ObservationRequest) async -> any SystemObservation { Empty() }

    func apply(_ change: Change, inputs: ChangeInputs) async throws -> [String: String] {
        let behaviour: Behaviour = lock.withLock {
            events.append("start \(change.target)")
            self.inputs[change.target] = inputs
            running += 1
            maxRunning = max(maxRunning, running)
            calls[change.target, default: 0] += 1
            return behaviours[change.target] ?? .succeed([:])
        }
        defer { lock.withLock { running -= 1; events.append("end \(change.target)") } }
        switch behaviour {
        case let .succeed(values):
            try await Task.sleep(for: .milliseconds(20))
            return values
        case let .fail(message, verdict):
            throw Failure(description: message, verdict: verdict)
        case let .flaky(times):
            if lock.withLock({ calls[change.target]! }) <= times { throw Failure(description: "flaky", verdict: .transient) }
            return [:]
        case let .waitFor(gate):
            try await gate.wait()
            return [:]
        }
    }

    func classify(_ error: any Error) -> ErrorClass { (error as? Failure)?.verdict ?? .permanent }

    func calls(of target: String) -> Int { lock.withLock { calls[target] ?? 0 } }

    struct Empty: SystemObservation {}
}

/// Opens once; waiters resume then, or throw when their task is cancelled.
final class Gate: @unchecked Sendable {
    private let lock = NSLock()
    private var isOpen = false

    func open() { lock.withLock { isOpen = true } }

    func wait() async throws {
        while !lock.withLock({ isOpen }) { try await Task.sleep(for: .milliseconds(5)) }
    }
}

/// The journal in memory.
final class RecordingJournal: Journal, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var attempts: [(action: String, attempt: Int, succeeded: Bool?)] = []
    private(set) var notRun: [(action: String, reason: String, interrupted: Bool)] = []

    func startRun(command: String, commit: String?, fingerprint: String?) throws -> Int64 { 1 }
    func finishRun(_ run: Int64, succeeded: Bool, summary: String) throws {}
    func startAction(run: Int64, action: String, kind: String, tenant: String?, environment: String, target: String, attempt: Int) throws -> Int64 {
        lock.withLock {
            attempts.append((action, attempt, nil))
            return Int64(attempts.count - 1)
        }
    }
    func finishAction(_ entry: Int64, succeeded: Bool, error: String?) throws {
        lock.withLock { attempts[Int(entry)].succeeded = succeeded }
    }
    func recordNotRun(run: Int64, action: String, kind: String, tenant: String?, environment: String, target: String,
                      reason: String, interrupted: Bool) throws {
        lock.withLock { notRun.append((action, reason, interrupted)) }
    }
}

/// A change of `system` named `name`, in environment `environment`, after `after`.
func change(_ system: String, _ name: String, environment: String = "acme/production", after: [Change] = [],
            effect: Effect = .create) -> Change {
    Change(address: ChangeAddress(system: system, scope: "scope", resource: name), kind: ChangeKind("\(system).make"), effect: effect,
           tenant: String(environment.split(separator: "/").first ?? ""), environment: environment, target: name,
           reasons: [], dependsOn: after.map(\.id))
}
