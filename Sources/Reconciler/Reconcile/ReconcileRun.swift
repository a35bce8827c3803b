import Foundation
import PlanModel
import TenantCore

/// One reconcile run, from the desired state of a commit to the journal: take the run lock,
/// observe, plan with the policies, then (once the caller decided what may be applied) walk and
/// journal, and release the lock. `tenantctl apply` and `tenantctl serve` both go through it; they
/// differ only in how they decide (a saved plan, a prompt, the sync policy, suspended tenants) and
/// in what they print.
///
/// Two steps rather than one call with callbacks: between them the CLI prints and may ask on the
/// terminal, which must stay outside any task a signal cancels.
public struct ReconcileRun: Sendable {
    public var reconciliation: Reconciliation
    public var locks: any EnvironmentLocks
    public var journal: any Journal
    /// Journaled as the run's command, and shown to whoever waits for the lock.
    public var command: String
    public var lockTimeout: Duration
    public var lockPoll: Duration
    /// Told once when another run holds one of the locks (the CLI prints, the daemon counts).
    public var waitingForLock: @Sendable (_ environment: String, _ holder: String) -> Void
    /// Warnings that must not fail the run (a lock that could not be released).
    public var warn: @Sendable (String) -> Void
    /// The drivers that observe (one secret store per run: one Vault login).
    public var observers: @Sendable () throws -> [any SystemDriver]
    /// The drivers that carry out changes toward `desired`.
    public var appliers: @Sendable (_ desired: DesiredState) throws -> [any SystemDriver]
    public var parallelism: Int
    /// One line per change event (started, done, failed, skipped), from the walker.
    public var progress: @Sendable (String) -> Void
    /// The journal the walker records change attempts in; `journal` when nil. The daemon puts a
    /// recorder of durations and log lines in front of the store.
    public var changeJournal: (any Journal)?

    public init(reconciliation: Reconciliation, locks: any EnvironmentLocks, journal: any Journal, command: String,
                lockTimeout: Duration, lockPoll: Duration = .milliseconds(250),
                waitingForLock: @escaping @Sendable (String, String) -> Void = { _, _ in },
                warn: @escaping @Sendable (String) -> Void = { _ in },
                observers: @escaping @Sendable () throws -> [any SystemDriver],
                appliers: @escaping @Sendable (DesiredState) throws -> [any SystemDriver],
                parallelism: Int, progress: @escaping @Sendable (String) -> Void = { _ in }, changeJournal: (any Journal)? = nil) {
        self.reconciliation = reconciliation
        self.locks = locks
        self.journal = journal
        self.command = command
        self.lockTimeout = lockTimeout
        self.lockPoll = lockPoll
        self.waitingForLock = waitingForLock
        self.warn = warn
        self.observers = observers
        self.appliers = appliers
        self.parallelism = parallelism
        self.progress = progress
        self.changeJournal = changeJournal
    }

    /// What a run reconciles: the desired state of one commit, the environments it may change
    /// (all locked, or none), and the planning options, read once the locks are held (what
    /// tenantctl owns may have been changed by the run that held them).
    public struct Target: Sendable {
        public var desired: DesiredState
        public var fleet: Fleet?
        public var commit: String?
        public var environments: [String]
        public var options: @Sendable () throws -> PlanOptions

        public init(desired: DesiredState, fleet: Fleet?, commit: String?, environments: [String],
                    options: @escaping @Sendable () throws -> PlanOptions) {
            self.desired = desired
            self.fleet = fleet
            self.commit = commit
            self.environments = environments
            self.options = options
        }
    }

    /// Takes the locks (waiting up to `lockTimeout`, then `RunLocking.Busy`), observes and plans.
    /// The session holds the locks until `end()`.
    public func begin(_ target: Target) async throws -> ReconcileSession {
        try await RunLocking.acquire(locks, environments: target.environments, command: command, timeout: lockTimeout, poll: lockPoll,
                                     waiting: waitingForLock)
        let session = ReconcileSession(run: self, target: target)
        do {
            try await session.observeAndPlan()
        } catch {
            session.end()
            throw error
        }
        return session
    }
}

/// A run between its lock and its end: the observed world and its plan, then the walk.
public final class ReconcileSession: @unchecked Sendable {
    let run: ReconcileRun
    public let target: ReconcileRun.Target
    // Guards `state`: the session is handed to the task that walks (cancelled by a signal).
    private let lock = NSLock()
    private var state = State()

    struct State {
        var world: Reconciliation.PlannedWorld?
        var ended = false
    }

    init(run: ReconcileRun, target: ReconcileRun.Target) {
        self.run = run
        self.target = target
    }

    func observeAndPlan() async throws {
        let drivers = try run.observers()
        let options = try target.options()
        let world = await run.reconciliation.observeAndPlan(desired: target.desired, fleet: target.fleet, drivers: drivers,
                                                            options: options, commit: target.commit)
        lock.withLock { state.world = world }
    }

    /// The world as observed and the plan made against it, with every policy applied.
    public var world: Reconciliation.PlannedWorld { lock.withLock { state.world! } }
    public var plan: Plan { world.plan }

    /// Walks `plan` (the plan, or what the caller's policies left of it) and journals the run.
    /// Honours cancellation: nothing new starts, running changes end, the rest is journaled as
    /// not run and the run as interrupted.
    public func apply(_ plan: Plan) async throws -> ApplyRun.Outcome {
        let drivers = try run.appliers(target.desired)
        for driver in drivers { try driver.prepareApply() }
        let walker = ChangeWalker(drivers: drivers, journal: run.changeJournal ?? run.journal, parallelism: run.parallelism,
                                  progress: run.progress)
        let applying = ApplyRun(walker: walker, journal: run.journal, command: run.command)
        return try await applying.apply(plan, commit: target.commit, fingerprints: world.fingerprints)
    }

    /// Releases the locks (once; a failure is a warning: the next run takes a dead holder's
    /// locks over).
    public func end() {
        let first = lock.withLock { () -> Bool in
            defer { state.ended = true }
            return !state.ended
        }
        guard first else { return }
        do { try run.locks.unlock() } catch { run.warn("could not release the run lock: \(error); the next run takes it over") }
    }
}
