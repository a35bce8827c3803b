import CCurl
import Foundation

/// A libcurl multi handle with its one easy handle and the thread that drives them, used by one
/// transfer at a time. Kept in a pool between transfers, so that the connections the multi
/// handle caches are reused (keep-alive) and no thread is started per request: at sixteen Vault
/// reads in flight, a thread per attempt was a cost the sliding window paid at every request.
final class CurlSession: @unchecked Sendable {
    let multi: UnsafeMutableRawPointer
    let easy: UnsafeMutableRawPointer
    /// CURLOPT_ERRORBUFFER: libcurl's message for the last failure.
    let errorBuffer: UnsafeMutablePointer<CChar>

    // The thread's mailbox: one job at a time (the session has one owner), or the order to end.
    private let condition = NSCondition()
    private var job: (@Sendable () -> Void)?
    private var retired = false
    private var threadStarted = false

    init?() {
        guard let multi = curl_multi_init() else { return nil }
        guard let easy = curl_easy_init() else {
            curl_multi_cleanup(multi)
            return nil
        }
        self.multi = multi
        self.easy = easy
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_multi_cleanup(multi)
        errorBuffer.deallocate()
    }

    /// Runs `job` on the session's thread, started on first use.
    func run(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        self.job = job
        if !threadStarted {
            threadStarted = true
            // The thread holds the session until it is retired; libcurl blocks it, never a
            // thread of Swift's cooperative pool.
            let thread = Thread { [self] in loop() }
            thread.name = "tenantctl-http"
            thread.stackSize = 512 * 1024
            thread.start()
        }
        condition.signal()
    }

    /// Ends the session's thread once its current job, if any, is done; the handles are freed
    /// when the last reference goes.
    func retire() {
        condition.lock()
        defer { condition.unlock() }
        retired = true
        condition.signal()
    }

    private func loop() {
        while true {
            condition.lock()
            while job == nil && !retired { condition.wait() }
            guard let next = job else {
                condition.unlock()
                return
            }
            job = nil
            condition.unlock()
            next()
        }
    }
}

/// Idle sessions of one `HTTPClient`. Only the lock-holding code touches the list; a session taken
/// out belongs to one transfer until it is put back. A session that is not kept is retired.
final class CurlSessionPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [CurlSession] = []
    private let maxIdle: Int

    /// Enough for every request of the widest window tenantctl opens (`--vault-parallelism`),
    /// so that a busy window reuses its connections rather than closing and opening them.
    init(maxIdle: Int = 64) {
        self.maxIdle = maxIdle
    }

    deinit {
        for session in idle { session.retire() }
    }

    func take() -> CurlSession? {
        lock.lock()
        let session = idle.popLast()
        lock.unlock()
        return session ?? CurlSession()
    }

    func put(_ session: CurlSession) {
        lock.lock()
        let kept = idle.count < maxIdle
        if kept { idle.append(session) }
        lock.unlock()
        if !kept { session.retire() }
    }

    /// A session whose transfer was cut short: not reused.
    func discard(_ session: CurlSession) {
        session.retire()
    }
}
