import PlanModel

/// How an apply went, change by change.
public struct ApplyReport: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case succeeded
        /// Failed for good (after retries), with the redacted error.
        case failed(String)
        /// Not attempted: a change it depends on failed or was skipped (that change's id).
        case skipped(dependency: String)
        /// Not attempted: the run was stopped (SIGINT, SIGTERM) first.
        case notRun
    }

    public struct ChangeResult: Sendable, Equatable {
        public var id: String
        public var environment: String
        public var outcome: Outcome

        public init(id: String, environment: String, outcome: Outcome) {
            self.id = id
            self.environment = environment
            self.outcome = outcome
        }
    }

    /// One result per change, in plan order.
    public var changes: [ChangeResult]
    /// The run was stopped before every change ran.
    public var stopped: Bool

    public init(changes: [ChangeResult], stopped: Bool) {
        self.changes = changes
        self.stopped = stopped
    }

    public var succeeded: Bool { !stopped && changes.allSatisfy { $0.outcome == .succeeded } }
    public var changesSucceeded: Int { changes.filter { $0.outcome == .succeeded }.count }
    public var failures: [(id: String, environment: String, error: String)] {
        changes.compactMap { if case let .failed(error) = $0.outcome { return ($0.id, $0.environment, error) }; return nil }
    }
    /// Changes not attempted, for a dependency's failure or a stop.
    public var changesNotRun: Int {
        changes.filter {
            switch $0.outcome {
            case .skipped, .notRun: return true
            case .succeeded, .failed: return false
            }
        }.count
    }

    /// Per environment, in plan order: what the CLI prints.
    public var environments: [EnvironmentResult] {
        var order: [String] = []
        var byEnvironment: [String: EnvironmentResult] = [:]
        for change in changes {
            if byEnvironment[change.environment] == nil {
                order.append(change.environment)
                byEnvironment[change.environment] = EnvironmentResult(environment: change.environment)
            }
            switch change.outcome {
            case .succeeded: byEnvironment[change.environment]!.succeeded.append(change.id)
            case let .failed(error):
                if byEnvironment[change.environment]!.failed == nil { byEnvironment[change.environment]!.failed = (change.id, error) }
                else { byEnvironment[change.environment]!.alsoFailed.append(change.id) }
            case .skipped, .notRun: byEnvironment[change.environment]!.notRun.append(change.id)
            }
        }
        return order.map { byEnvironment[$0]! }
    }

    public struct EnvironmentResult: Sendable, Equatable {
        public var environment: String
        public var succeeded: [String] = []
        /// The first change that failed for good, and why.
        public var failed: (action: String, error: String)?
        /// Other changes of the environment that failed (independent of the first).
        public var alsoFailed: [String] = []
        /// Changes not attempted (a dependency failed, or the run was stopped).
        public var notRun: [String] = []

        public init(environment: String) {
            self.environment = environment
        }

        public static func == (lhs: EnvironmentResult, rhs: EnvironmentResult) -> Bool {
            lhs.environment == rhs.environment && lhs.succeeded == rhs.succeeded && lhs.notRun == rhs.notRun
                && lhs.failed?.action == rhs.failed?.action && lhs.failed?.error == rhs.failed?.error && lhs.alsoFailed == rhs.alsoFailed
        }
    }

    public var summaryLine: String {
        let environments = self.environments
        if stopped {
            return "Apply stopped: \(changesSucceeded) change(s) done, \(changesNotRun) not run; run apply again to finish."
        }
        let failedEnvironments = environments.filter { $0.failed != nil }.map(\.environment)
        var line = "Apply: \(changesSucceeded) change(s) done in \(environments.count) environment(s)"
        if !failedEnvironments.isEmpty {
            line += "; \(failedEnvironments.count) environment(s) failed (\(failedEnvironments.joined(separator: ", "))), \(changesNotRun) change(s) not run"
        }
        return line + "."
    }
}
