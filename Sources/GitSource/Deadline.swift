/// The moment a network operation must be finished by.
///
/// libgit2 1.5 has no timeout options, so the deadline travels in a task-local (which falls back
/// to a thread-local outside of tasks): libgit2 calls our socket stream and remote callbacks on the
/// thread that started the fetch, and they read it there.
struct Deadline: Sendable {
    let instant: ContinuousClock.Instant

    @TaskLocal static var current: Deadline?

    init(secondsFromNow seconds: Int) {
        instant = ContinuousClock.now.advanced(by: .seconds(max(seconds, 0)))
    }

    var hasPassed: Bool { ContinuousClock.now >= instant }

    /// Rounded up, so that a poll that times out returns at or after the deadline, never before.
    var remainingMilliseconds: Int32 {
        let remaining = ContinuousClock.now.duration(to: instant)
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: millis)
    }
}
