import PlanModel

/// Where the per-environment run locks live (the state store). A run takes the locks of every
/// environment it may change, all or none, from before it observes to its end; a second run on
/// any of them waits, then gives up naming the holder.
public protocol EnvironmentLocks: Sendable {
    /// Takes all the locks, or none: nil when taken, else the holder of one of them (`what`
    /// names the holder for people, `environment` the lock it holds).
    func tryLock(_ environments: [String], command: String) throws -> (environment: String, holder: String)?
    func unlock() throws
}

/// The wait for the locks, shared by the CLI's `apply` and the daemon.
public enum RunLocking {
    public struct Busy: UserFacingError, Equatable {
        public var environment: String
        public var holder: String
        public var waited: Duration

        public var userMessage: String {
            "environment \(environment) is being applied by \(holder); gave up after \(waited.components.seconds) s"
        }
    }

    /// Polls until every lock is taken, or `timeout` passed (then throws `Busy`). `waiting` is
    /// told once, the first time another run holds one of them.
    public static func acquire(_ locks: any EnvironmentLocks, environments: [String], command: String, timeout: Duration,
                               poll: Duration = .milliseconds(250),
                               waiting: (_ environment: String, _ holder: String) -> Void = { _, _ in }) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var announced = false
        while let (environment, holder) = try locks.tryLock(environments, command: command) {
            guard clock.now < deadline else { throw Busy(environment: environment, holder: holder, waited: timeout) }
            if !announced {
                waiting(environment, holder)
                announced = true
            }
            try await Task.sleep(for: poll)
        }
    }

    /// The environments a run may change: those it plans for, and, for a run over the whole
    /// fleet or one naming a tenant no longer in git (which alone may remove deleted tenants'
    /// models), the deleted tenants too.
    public static func environments(planned: [String], tenants: Set<String>?, present: Set<String>) -> [String] {
        let namesRemoved = tenants.map { !$0.isSubset(of: present) } ?? true
        return planned + (namesRemoved ? [deletedTenants] : [])
    }

    public static let deletedTenants = "(deleted tenants)"
}
