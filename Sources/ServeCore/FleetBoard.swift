import Foundation

/// One environment as the status page shows it.
public struct EnvironmentStatus: Sendable, Equatable {
    public var environment: String
    public var tenant: String?
    public var sync: String
    public var suspended: Bool
    public var lastRun: Int64?
    /// What the last look did for it: applied, no changes, planned (sync: manual), suspended,
    /// failed, not observed…
    public var lastOutcome: String?
    public var lastLook: Date?
    public var pendingChanges: Int

    public init(environment: String, tenant: String?, sync: String, suspended: Bool, lastRun: Int64? = nil, lastOutcome: String? = nil,
                lastLook: Date? = nil, pendingChanges: Int = 0) {
        self.environment = environment
        self.tenant = tenant
        self.sync = sync
        self.suspended = suspended
        self.lastRun = lastRun
        self.lastOutcome = lastOutcome
        self.lastLook = lastLook
        self.pendingChanges = pendingChanges
    }
}

/// What the daemon knows of the fleet between looks, for `GET /` and `/readyz`.
public actor FleetBoard {
    public private(set) var environments: [String: EnvironmentStatus] = [:]
    public private(set) var commit: String?
    public private(set) var lastLook: Date?
    public private(set) var lastError: String?

    public init() {}

    /// The environments of the commit just read: those gone from git are dropped, the others keep
    /// their last outcome.
    public func fleet(_ current: [EnvironmentStatus], commit: String?) {
        var next: [String: EnvironmentStatus] = [:]
        for var status in current {
            if let known = environments[status.environment] {
                status.lastRun = known.lastRun
                status.lastOutcome = known.lastOutcome
                status.lastLook = known.lastLook
                status.pendingChanges = known.pendingChanges
            }
            next[status.environment] = status
        }
        environments = next
        self.commit = commit
    }

    public func looked(_ environment: String, run: Int64?, outcome: String, pending: Int, at date: Date) {
        guard var status = environments[environment] else { return }
        status.lastRun = run ?? status.lastRun
        status.lastOutcome = outcome
        status.pendingChanges = pending
        status.lastLook = date
        environments[environment] = status
    }

    public func lookFinished(at date: Date, error: String?) {
        lastLook = date
        lastError = error
    }

    public func page(title: String) -> String {
        StatusPage.render(title: title, commit: commit, lastLook: lastLook, lastError: lastError,
                          environments: environments.values.sorted { $0.environment < $1.environment })
    }
}
