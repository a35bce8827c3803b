/// Why the daemon looks at the repository and the world. Level-triggered: a reason only says
/// "look now"; what to do is decided from the state of git and of the world at the time of the
/// look, never from the event.
public struct LookReasons: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Started: what changed since the last reconciled commit the state store holds, or every
    /// tenant when it holds none (a first start, a new repository).
    public static let startup = LookReasons(rawValue: 1 << 0)
    /// The poll timer: fetch, and reconcile what changed if anything moved.
    public static let poll = LookReasons(rawValue: 1 << 1)
    /// A webhook (push, merge request): the same as a poll, now.
    public static let hook = LookReasons(rawValue: 1 << 2)
    /// The drift timer: every tenant, whether git moved or not.
    public static let drift = LookReasons(rawValue: 1 << 3)
    /// SIGHUP re-read the settings: every tenant, as on a drift sweep.
    public static let reload = LookReasons(rawValue: 1 << 4)

    /// A full sweep whatever the state holds: every tenant is observed and planned. A startup
    /// look sweeps only when no reconciled commit is stored (decided by the look).
    public var sweepsEverything: Bool { !intersection([.drift, .reload]).isEmpty }
}

/// Coalesces requests for a look into at most one pending look: any number of events arriving
/// while a run is going make exactly one next run, and the memory held is one set of reasons,
/// whatever the flood. The daemon's loop takes looks with `next()`, one at a time.
public actor LookTrigger {
    private var pending: LookReasons = []
    private var waiter: CheckedContinuation<LookReasons?, Never>?
    private var closed = false

    public init() {}

    /// Asks for a look. Returns true when the request joined a look already pending (it was
    /// coalesced), false when it made a new one.
    @discardableResult
    public func request(_ reasons: LookReasons) -> Bool {
        guard !closed else { return true }
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: reasons)
            return false
        }
        let joined = !pending.isEmpty
        pending.formUnion(reasons)
        return joined
    }

    /// The next look's reasons (everything asked since the last one), waiting for one; nil once
    /// closed (shutting down: no new work is taken).
    public func next() async -> LookReasons? {
        if closed { return nil }
        if !pending.isEmpty {
            defer { pending = [] }
            return pending
        }
        return await withCheckedContinuation { waiter = $0 }
    }

    /// No more looks: a waiting `next()` returns nil, later requests are dropped.
    public func close() {
        closed = true
        pending = []
        waiter?.resume(returning: nil)
        waiter = nil
    }
}
