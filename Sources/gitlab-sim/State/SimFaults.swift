/// Injected failures: the next `count` API requests answer `status` (with `Retry-After` when
/// given), then the API answers normally again.
struct SimFaults: Sendable {
    var remaining = 0
    var status = 503
    var retryAfter: Int?
    var latencyMilliseconds = 0

    mutating func next() -> SimResponse? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        let text = status == 429 ? "Retry later" : "\(status) Service Unavailable"
        var response = status == 429 ? SimResponse.message(429, text) : SimResponse.message(status, text)
        if let retryAfter { response.headers.append(("Retry-After", String(retryAfter))) }
        return response
    }
}
