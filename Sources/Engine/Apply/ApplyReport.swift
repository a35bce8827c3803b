/// How an apply went, per environment.
public struct ApplyReport: Sendable, Equatable {
    public struct EnvironmentResult: Sendable, Equatable {
        public var environment: String
        public var succeeded: [String]
        /// The action that failed for good, and why.
        public var failed: (action: String, error: String)?
        /// Actions not attempted because an earlier one of the environment failed, or the run
        /// was stopped.
        public var notRun: [String]
        /// The run was stopped (SIGINT, SIGTERM) before this environment's actions all ran.
        public var stopped = false

        public init(environment: String, succeeded: [String], failed: (action: String, error: String)?, notRun: [String], stopped: Bool = false) {
            self.environment = environment
            self.succeeded = succeeded
            self.failed = failed
            self.notRun = notRun
            self.stopped = stopped
        }

        public static func == (lhs: EnvironmentResult, rhs: EnvironmentResult) -> Bool {
            lhs.environment == rhs.environment && lhs.succeeded == rhs.succeeded && lhs.notRun == rhs.notRun
                && lhs.failed?.action == rhs.failed?.action && lhs.failed?.error == rhs.failed?.error && lhs.stopped == rhs.stopped
        }
    }

    public var environments: [EnvironmentResult]

    public var succeeded: Bool { environments.allSatisfy { $0.failed == nil && !$0.stopped } }
    public var stopped: Bool { environments.contains(where: \.stopped) }
    public var actionsSucceeded: Int { environments.reduce(0) { $0 + $1.succeeded.count } }
    public var actionsFailed: Int { environments.filter { $0.failed != nil }.count }
    public var actionsNotRun: Int { environments.reduce(0) { $0 + $1.notRun.count } }

    public var summaryLine: String {
        if stopped {
            return "Apply stopped: \(actionsSucceeded) action(s) done, \(actionsNotRun) not run; run apply again to finish."
        }
        let failedEnvironments = environments.filter { $0.failed != nil }.map(\.environment)
        var line = "Apply: \(actionsSucceeded) action(s) done in \(environments.count) environment(s)"
        if !failedEnvironments.isEmpty {
            line += "; \(failedEnvironments.count) environment(s) failed (\(failedEnvironments.joined(separator: ", "))), \(actionsNotRun) action(s) not run"
        }
        return line + "."
    }
}
