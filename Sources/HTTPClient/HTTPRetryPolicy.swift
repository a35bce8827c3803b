/// When and how long `HTTPClient` waits before trying a request again.
///
/// Retried: 429 Too Many Requests; 502, 503 and 504; 500 for idempotent requests only; and
/// transport failures. A request that is not idempotent (POST, PATCH, unless the request says
/// otherwise) is retried only when it certainly did not reach the server — the name did not
/// resolve or the connection was refused or timed out before it was established, before any
/// byte of the request was sent — or when the server answered 429, which says it did not act.
///
/// The wait honours the server's `Retry-After` (seconds or an HTTP date), capped by `maxDelay`;
/// without it, the wait is `baseDelay * 2^(retry - 1)`, capped by `maxDelay`, of which a random
/// part of up to `jitter` (a fraction, 0...1) is taken off so that clients do not retry in step.
public struct HTTPRetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included (1 = never retry).
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The fraction of an exponential backoff delay that is randomized, 0 (none) to 1 (all).
    public var jitter: Double

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30), jitter: Double = 0.2) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = min(1, max(0, jitter))
    }

    public static let `default` = HTTPRetryPolicy()
    public static let never = HTTPRetryPolicy(maxAttempts: 1)

    /// Whether a response of this status is worth another attempt.
    public func retries(status: Int, idempotent: Bool) -> Bool {
        switch status {
        case 429: return true
        case 502, 503, 504: return idempotent
        case 500: return idempotent
        default: return false
        }
    }

    /// The wait before retry number `retry` (1 for the first retry). `retryAfter` is what the
    /// server asked for, if anything; `random` is a number in 0..<1.
    public func delay(beforeRetry retry: Int, retryAfter: Duration?, random: Double) -> Duration {
        if let retryAfter {
            return min(max(retryAfter, .zero), maxDelay)
        }
        let exponent = min(max(retry - 1, 0), 40)
        var delay = baseDelay * (1 << exponent)
        if delay > maxDelay { delay = maxDelay }
        let factor = 1 - jitter * min(max(random, 0), 1)
        return factor == 1 ? delay : delay * factor
    }
}
