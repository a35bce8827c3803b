import CCurl
import Foundation

/// A libcurl multi handle with its one easy handle, used by one transfer at a time. Kept in a pool
/// between transfers, so that the connections the multi handle caches are reused (keep-alive).
final class CurlSession: @unchecked Sendable {
    let multi: UnsafeMutableRawPointer
    let easy: UnsafeMutableRawPointer
    /// CURLOPT_ERRORBUFFER: libcurl's message for the last failure.
    let errorBuffer: UnsafeMutablePointer<CChar>

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
}

/// Idle sessions of one `HTTPClient`. Only the lock-holding code touches the list; a session taken
/// out belongs to one transfer thread until it is put back.
final class CurlSessionPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [CurlSession] = []
    private let maxIdle: Int

    init(maxIdle: Int = 8) {
        self.maxIdle = maxIdle
    }

    func take() -> CurlSession? {
        lock.lock()
        let session = idle.popLast()
        lock.unlock()
        return session ?? CurlSession()
    }

    func put(_ session: CurlSession) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < maxIdle { idle.append(session) }
    }
}
