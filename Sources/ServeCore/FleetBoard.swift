import Foundation

/// One environment as the dashboard shows it: what git says (offer, controller, model, sync),
/// what the state says (suspended), and what the last look found (health, drift, outcome).
public struct EnvironmentStatus: Sendable, Equatable {
    public var environment: String
    public var tenant: String?
    public var offer: String
    public var controller: String
    public var model: String
    public var sync: String
    public var suspended: Bool
    /// Why it was suspended (`tenantctl suspend --reason`), when it is.
    public var suspendedReason: String?
    public var lastRun: Int64?
    /// What the last look did for it: applied, no changes, planned (sync: manual), suspended,
    /// failed, not observed…
    public var lastOutcome: String?
    public var lastLook: Date?
    public var pendingChanges: Int
    /// The units as the last look saw them (`3/3 units active`, `no model yet`…); nil before.
    public var health: String?
    /// Whether `health` is good news: it decides the colour only.
    public var healthy: Bool?
    /// Differences between git and the world at the last look (nil before the first).
    public var drift: Int?

    public init(environment: String, tenant: String?, offer: String = "", controller: String = "", model: String = "", sync: String,
                suspended: Bool, suspendedReason: String? = nil, lastRun: Int64? = nil, lastOutcome: String? = nil, lastLook: Date? = nil,
                pendingChanges: Int = 0, health: String? = nil, healthy: Bool? = nil, drift: Int? = nil) {
        self.environment = environment
        self.tenant = tenant
        self.offer = offer
        self.controller = controller
        self.model = model
        self.sync = sync
        self.suspended = suspended
        self.suspendedReason = suspendedReason
        self.lastRun = lastRun
        self.lastOutcome = lastOutcome
        self.lastLook = lastLook
        self.pendingChanges = pendingChanges
        self.health = health
        self.healthy = healthy
        self.drift = drift
    }
}

/// What one look found for one environment.
public struct EnvironmentLook: Sendable, Equatable {
    public var run: Int64?
    public var outcome: String
    public var pending: Int
    public var health: String?
    public var healthy: Bool?
    public var drift: Int?

    public init(run: Int64?, outcome: String, pending: Int, health: String? = nil, healthy: Bool? = nil, drift: Int? = nil) {
        self.run = run
        self.outcome = outcome
        self.pending = pending
        self.health = health
        self.healthy = healthy
        self.drift = drift
    }
}

/// What the daemon knows of the fleet between looks, for the dashboard and `/readyz`.
public actor FleetBoard {
    public private(set) var environments: [String: EnvironmentStatus] = [:]
    public private(set) var commit: String?
    public private(set) var lastLook: Date?
    public private(set) var lastError: String?

    public init() {}

    /// The environments of the commit just read: those gone from git are dropped, the others keep
    /// what the last look found.
    public func fleet(_ current: [EnvironmentStatus], commit: String?) {
        var next: [String: EnvironmentStatus] = [:]
        for var status in current {
            if let known = environments[status.environment] {
                status.lastRun = known.lastRun
                status.lastOutcome = known.lastOutcome
                status.lastLook = known.lastLook
                status.pendingChanges = known.pendingChanges
                status.health = known.health
                status.healthy = known.healthy
                status.drift = known.drift
            }
            next[status.environment] = status
        }
        environments = next
        self.commit = commit
    }

    public func looked(_ environment: String, _ look: EnvironmentLook, at date: Date) {
        guard var status = environments[environment] else { return }
        status.lastRun = look.run ?? status.lastRun
        status.lastOutcome = look.outcome
        status.pendingChanges = look.pending
        status.health = look.health ?? status.health
        status.healthy = look.health == nil ? status.healthy : look.healthy
        status.drift = look.drift ?? status.drift
        status.lastLook = date
        environments[environment] = status
    }

    public func lookFinished(at date: Date, error: String?) {
        lastLook = date
        lastError = error
    }

    /// Everything the fleet page needs, sorted by tenant then environment.
    public func snapshot() -> FleetSnapshot {
        FleetSnapshot(commit: commit, lastLook: lastLook, lastError: lastError,
                      environments: environments.values.sorted { ($0.tenant ?? "", $0.environment) < ($1.tenant ?? "", $1.environment) })
    }
}

/// The board at one moment.
public struct FleetSnapshot: Sendable {
    public var commit: String?
    public var lastLook: Date?
    public var lastError: String?
    public var environments: [EnvironmentStatus]

    public init(commit: String?, lastLook: Date?, lastError: String?, environments: [EnvironmentStatus]) {
        self.commit = commit
        self.lastLook = lastLook
        self.lastError = lastError
        self.environments = environments
    }
}
