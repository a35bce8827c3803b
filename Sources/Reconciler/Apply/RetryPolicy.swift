import Foundation

/// Exponential backoff with jitter for transient failures (the Juju API dropping a connection):
/// attempt n waits base·2^(n-1), plus up to half of that at random, capped.
public struct RetryPolicy: Sendable {
    public var attempts: Int
    public var base: Duration
    public var cap: Duration

    public init(attempts: Int = 4, base: Duration = .milliseconds(500), cap: Duration = .seconds(30)) {
        self.attempts = max(1, attempts)
        self.base = base
        self.cap = cap
    }

    public func delay(afterAttempt attempt: Int) -> Duration {
        let exponential = base * (1 << min(attempt - 1, 16))
        let capped = min(exponential, cap)
        return capped + capped * Double.random(in: 0..<0.5)
    }
}
