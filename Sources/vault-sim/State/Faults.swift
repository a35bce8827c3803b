/// Faults injected through the admin API: a delay before every `/v1/` answer, and the next N
/// `/v1/` requests answered with a server error instead of being served.
struct Faults: Sendable {
    var latencyMilliseconds = 0
    var failNext = 0
    var failStatus = 500

    /// Takes one injected failure if any is pending.
    mutating func takeFailure() -> SimResponse? {
        guard failNext > 0 else { return nil }
        failNext -= 1
        switch failStatus {
        case 502: return .errors(502, ["error proxying request: bad gateway (injected by vault-sim)"])
        case 503: return .errors(503, ["Vault is temporarily unavailable (injected by vault-sim)"])
        default: return .errors(failStatus, ["internal error (injected by vault-sim)"])
        }
    }
}
