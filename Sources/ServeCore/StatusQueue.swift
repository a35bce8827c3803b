import Foundation

/// Posts to GitLab in the order they were asked for, one at a time, off the run's path: a run
/// only enqueues, so a slow or unreachable GitLab never delays a change. The queue is bounded;
/// a post that does not fit is dropped and reported to the caller (counted and logged), because
/// an unbounded queue behind a GitLab that is down would grow without end.
public final class StatusQueue: Sendable {
    public typealias Job = @Sendable () async -> Void

    /// A look posts two statuses per environment: 512 leaves room for several looks of a large
    /// fleet while GitLab is slow.
    public static let capacity = 512

    private let continuation: AsyncStream<Job>.Continuation
    private let pending = PendingCount()

    public init() {
        let (stream, continuation) = AsyncStream<Job>.makeStream(bufferingPolicy: .bufferingOldest(Self.capacity))
        self.continuation = continuation
        let pending = self.pending
        Task.detached {
            for await job in stream {
                await job()
                pending.add(-1)
            }
        }
    }

    /// Enqueues a job; false when the queue is full (the job is not run).
    @discardableResult
    public func enqueue(_ job: @escaping Job) -> Bool {
        pending.add(1)
        if case .dropped = continuation.yield(job) {
            pending.add(-1)
            return false
        }
        return true
    }

    /// Waits until every job queued so far has run, or `timeout` passed (false then). On
    /// shutdown: the last run's outcomes reach GitLab instead of statuses left `running`.
    public func drain(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while pending.value > 0 {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    deinit { continuation.finish() }
}

/// Jobs queued and not finished.
private final class PendingCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add(_ delta: Int) { lock.withLock { count += delta } }
    var value: Int { lock.withLock { count } }
}
