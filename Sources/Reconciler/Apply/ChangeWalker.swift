import Foundation
import PlanModel

/// Applies a plan by walking its dependency graph: a change starts once every change it depends
/// on is done, at most `parallelism` at a time, across systems and environments. A failure skips
/// only what depends on it (each skipped change names the failed one); the rest goes on.
/// Transient failures are retried with backoff; every attempt, and every change not run, is
/// journaled. When the task is cancelled (SIGINT, SIGTERM), nothing new starts, running changes
/// end, and what is left is reported as not run.
public struct ChangeWalker: Sendable {
    public var drivers: [String: any SystemDriver]
    public var journal: (any Journal)?
    public var parallelism: Int
    public var retry: RetryPolicy
    /// How often a running change says it is still running (a deploy, a destroy-model or a
    /// health gate can take minutes: silence would look like a hang).
    public var heartbeat: Duration
    public var progress: @Sendable (String) -> Void

    public init(drivers: [any SystemDriver], journal: (any Journal)?, parallelism: Int, retry: RetryPolicy = RetryPolicy(),
                heartbeat: Duration = .seconds(15), progress: @escaping @Sendable (String) -> Void) {
        self.drivers = Dictionary(drivers.map { ($0.system, $0) }, uniquingKeysWith: { first, _ in first })
        self.journal = journal
        self.parallelism = max(1, parallelism)
        self.retry = retry
        self.heartbeat = heartbeat
        self.progress = progress
    }

    public func apply(_ plan: Plan, run: Int64?) async -> ApplyReport {
        var graph = DependencyGraph(plan.changes)
        var outputs: [String: [String: String]] = [:]
        await withTaskGroup(of: (Int, Attempted).self) { group in
            var running = 0
            func startReady() {
                while running < parallelism, !Task.isCancelled, let next = graph.takeReady() {
                    let change = plan.changes[next]
                    let inputs = ChangeInputs(values: Dictionary(change.dependsOn.compactMap { id in outputs[id].map { (id, $0) } },
                                                                 uniquingKeysWith: { first, _ in first }))
                    running += 1
                    group.addTask { (next, await attempt(change, inputs: inputs, run: run)) }
                }
            }
            startReady()
            while let (index, attempted) = await group.next() {
                running -= 1
                let change = plan.changes[index]
                switch attempted {
                case let .done(values):
                    if !values.isEmpty { outputs[change.id] = values }
                    graph.succeeded(index)
                case let .failed(message):
                    graph.failed(index, message)
                    for skipped in graph.outcomesSkipped(by: index) {
                        progress("[\(plan.changes[skipped].environment)] \(describe(plan.changes[skipped])) skipped: \(change.id) failed")
                    }
                case .stopped:
                    graph.stopped(index)
                }
                startReady()
            }
        }
        let report = graph.report(plan.changes, stopped: Task.isCancelled)
        if let run { journalNotRun(report, plan: plan, run: run) }
        return report
    }

    enum Attempted: Sendable {
        case done([String: String])
        case failed(String)
        /// Interrupted by the stop (a health gate's wait ends at once): not done.
        case stopped
    }

    /// One change with retries.
    private func attempt(_ change: Change, inputs: ChangeInputs, run: Int64?) async -> Attempted {
        guard let driver = drivers[change.address.system] else {
            return .failed("no driver for system '\(change.address.system)' is registered")
        }
        let clock = ContinuousClock()
        let started = clock.now
        progress("[\(change.environment)] \(describe(change)) …")
        for attempt in 1...retry.attempts {
            let entry = run.flatMap { run in
                journaling { try journal?.startAction(run: run, action: change.id, kind: change.kind.rawValue, tenant: change.tenant,
                                                      environment: change.environment, target: change.target, attempt: attempt) } ?? nil
            }
            do {
                let values = try await withHeartbeat(change) { try await driver.apply(change, inputs: inputs) }
                if let entry { journaling { try journal?.finishAction(entry, succeeded: true, error: nil) } }
                progress("[\(change.environment)] \(describe(change)) done in \(format(started.duration(to: clock.now)))")
                return .done(values)
            } catch {
                let message = driver.redact("\(error)")
                let verdict = driver.classify(error)
                if verdict == .alreadyDone {
                    if let entry { journaling { try journal?.finishAction(entry, succeeded: true, error: nil) } }
                    progress("[\(change.environment)] \(describe(change)) already done")
                    return .done([:])
                }
                if let entry { journaling { try journal?.finishAction(entry, succeeded: false, error: message) } }
                if Task.isCancelled {
                    progress("[\(change.environment)] \(describe(change)) stopped")
                    return .stopped
                }
                guard verdict == .transient, attempt < retry.attempts else {
                    progress("[\(change.environment)] \(describe(change)) FAILED after \(format(started.duration(to: clock.now))): \(message)")
                    return .failed(message)
                }
                let delay = retry.delay(afterAttempt: attempt)
                progress("[\(change.environment)] \(describe(change)): \(message); retrying in \(format(delay))")
                do { try await Task.sleep(for: delay) } catch { return .stopped }
            }
        }
        return .failed("retries exhausted")
    }

    /// Changes that never ran are journaled too: `history` shows why each did not.
    private func journalNotRun(_ report: ApplyReport, plan: Plan, run: Int64) {
        let byID = Dictionary(plan.changes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for result in report.changes {
            guard let change = byID[result.id] else { continue }
            switch result.outcome {
            case let .skipped(dependency):
                journaling { try journal?.recordNotRun(run: run, action: change.id, kind: change.kind.rawValue, tenant: change.tenant,
                                                       environment: change.environment, target: change.target,
                                                       reason: "skipped: \(dependency) failed", interrupted: false) }
            case .notRun:
                journaling { try journal?.recordNotRun(run: run, action: change.id, kind: change.kind.rawValue, tenant: change.tenant,
                                                       environment: change.environment, target: change.target,
                                                       reason: "not run: the apply was stopped", interrupted: true) }
            case .succeeded, .failed:
                continue
            }
        }
    }

    /// A journal that cannot write does not stop the apply (the world is being changed; stopping
    /// halfway would be worse), but it is said.
    @discardableResult
    private func journaling<T>(_ body: () throws -> T) -> T? {
        do { return try body() } catch {
            progress("journal: cannot record: \(error)")
            return nil
        }
    }

    private func withHeartbeat<T: Sendable>(_ change: Change, _ body: () async throws -> T) async throws -> T {
        let clock = ContinuousClock()
        let started = clock.now
        let beat = Task { [heartbeat, progress] in
            while !Task.isCancelled {
                try await Task.sleep(for: heartbeat)
                progress("[\(change.environment)] \(describe(change)) still running after \(format(started.duration(to: clock.now)))")
            }
        }
        defer { beat.cancel() }
        return try await body()
    }
}

private func describe(_ change: Change) -> String { "\(change.kind.rawValue) \(change.target)" }

private func format(_ duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    return String(format: "%.1fs", seconds)
}
