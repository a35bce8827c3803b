/// Faults injected through the admin API: a delay before every API answer, and the next N API
/// requests answered with an error status (5xx, or 429 with Retry-After) instead of being served.
struct SimFaults: Sendable {
    var latencyMilliseconds = 0
    var failNext = 0
    var failStatus = 500
    var retryAfter: Int?

    mutating func takeFailure() -> SimResponse? {
        guard failNext > 0 else { return nil }
        failNext -= 1
        var response: SimResponse
        switch failStatus {
        case 429: response = .client(429, "Client::TooManyRequests", "Too many requests (injected by ovh-sim)")
        case 503: response = .client(503, "Server::ServiceUnavailable", "Service unavailable (injected by ovh-sim)")
        default: response = .client(failStatus, "Server::InternalServerError", "Internal server error (injected by ovh-sim)")
        }
        response.retryAfter = retryAfter
        return response
    }
}
