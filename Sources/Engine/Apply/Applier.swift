import Foundation
import TenantCore

/// Applies a plan: environments in parallel (bounded), each environment's actions in plan order.
/// Transient failures are retried with backoff; a persistent failure stops that environment's
/// remaining actions while the others carry on. Every attempt is journaled.
public struct Applier: Sendable {
    public var executor: JujuExecutor
    public var journal: (any Journal)?
    public var parallelism: Int
    public var retry: RetryPolicy
    public var progress: @Sendable (String) -> Void
    /// How often a running action says it is still running (a deploy, a destroy-model or a
    /// health gate can take minutes: silence would look like a hang).
    public var heartbeat: Duration

    public init(executor: JujuExecutor, journal: (any Journal)?, parallelism: Int, retry: RetryPolicy = RetryPolicy(),
                heartbeat: Duration = .seconds(15), progress: @escaping @Sendable (String) -> Void) {
        self.executor = executor
        self.journal = journal
        self.parallelism = max(1, parallelism)
        self.retry = retry
        self.heartbeat = heartbeat
        self.progress = progress
    }

    public func apply(_ plan: Plan, run: Int64?) async -> ApplyReport {
        var order: [String] = []
        var byEnvironment: [String: [Action]] = [:]
        for action in plan.actions {
            if byEnvironment[action.environment] == nil { order.append(action.environment) }
            byEnvironment[action.environment, default: []].append(action)
        }
        let groups = order.map { ($0, byEnvironment[$0]!) }
        let results = await withTaskGroup(of: (Int, ApplyReport.EnvironmentResult).self) { group in
            var results = [ApplyReport.EnvironmentResult?](repeating: nil, count: groups.count)
            var next = 0
            func start(_ index: Int) {
                let (environment, actions) = groups[index]
                group.addTask {
                    // Stopped before it began: nothing of it runs.
                    guard !Task.isCancelled else {
                        return (index, .init(environment: environment, succeeded: [], failed: nil, notRun: actions.map(\.id), stopped: true))
                    }
                    return (index, await applyEnvironment(environment, actions, run: run))
                }
            }
            while next < min(parallelism, groups.count) { start(next); next += 1 }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < groups.count { start(next); next += 1 }
            }
            return results.map { $0! }
        }
        return ApplyReport(environments: results)
    }

    private func applyEnvironment(_ environment: String, _ actions: [Action], run: Int64?) async -> ApplyReport.EnvironmentResult {
        var result = ApplyReport.EnvironmentResult(environment: environment, succeeded: [], failed: nil, notRun: [])
        for (position, action) in actions.enumerated() {
            // A stop (SIGINT, SIGTERM) lets the running action end and starts no other.
            if Task.isCancelled {
                result.notRun = actions[position...].map(\.id)
                result.stopped = true
                return result
            }
            let clock = ContinuousClock()
            let started = clock.now
            progress("[\(environment)] \(action.kind.rawValue) \(action.target) …")
            if let error = await attempt(action, run: run) {
                if Task.isCancelled {
                    // Interrupted by the stop (a health gate's wait ends at once): not done.
                    progress("[\(environment)] \(action.kind.rawValue) \(action.target) stopped")
                    result.notRun = actions[position...].map(\.id)
                    result.stopped = true
                    return result
                }
                progress("[\(environment)] \(action.kind.rawValue) \(action.target) FAILED after \(format(started.duration(to: clock.now))): \(error)")
                result.failed = (action.id, error)
                result.notRun = actions[(position + 1)...].map(\.id)
                return result
            }
            progress("[\(environment)] \(action.kind.rawValue) \(action.target) done in \(format(started.duration(to: clock.now)))")
            result.succeeded.append(action.id)
        }
        return result
    }

    /// Runs one action with retries; nil on success, else the final error message.
    private func attempt(_ action: Action, run: Int64?) async -> String? {
        for attempt in 1...retry.attempts {
            let entry = run.flatMap { try? journal?.startAction(run: $0, action: action.id, kind: action.kind.rawValue, tenant: action.tenant,
                                                                 environment: action.environment, target: action.target, attempt: attempt) }
            do {
                try await withHeartbeat(action) { try await executor.execute(action) }
                if let entry { try? journal?.finishAction(entry, succeeded: true, error: nil) }
                return nil
            } catch {
                let message = executor.redactor.redact("\(error)")
                if let entry { try? journal?.finishAction(entry, succeeded: false, error: message) }
                let transient = (error as? JujuCommandError)?.isTransient ?? false
                guard transient, attempt < retry.attempts, !Task.isCancelled else { return message }
                let delay = retry.delay(afterAttempt: attempt)
                progress("[\(action.environment)] \(action.kind.rawValue) \(action.target): \(message); retrying in \(format(delay))")
                try? await Task.sleep(for: delay)
            }
        }
        return "retries exhausted"
    }

    private func withHeartbeat(_ action: Action, _ body: () async throws -> Void) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let beat = Task { [heartbeat, progress] in
            while !Task.isCancelled {
                try await Task.sleep(for: heartbeat)
                progress("[\(action.environment)] \(action.kind.rawValue) \(action.target) still running after \(format(started.duration(to: clock.now)))")
            }
        }
        defer { beat.cancel() }
        try await body()
    }

    private func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.1fs", seconds)
    }
}
