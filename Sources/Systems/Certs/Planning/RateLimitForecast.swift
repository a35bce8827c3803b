import TenantCore

/// The ACME rate limits forecast for one plan: what the journal's orders at the fleet's
/// directory already used in each limit's window, plus what this plan orders, change after
/// change in plan order. An order that would go over a limit is refused with the limit's
/// name, the count used and planned, and when the window next frees a place; the planner
/// withholds it. Counting follows Let's Encrypt (letsencrypt.org/docs/rate-limits):
///
/// - certificates per registered domain: new certificates (not renewals) with at least one
///   name under the domain (``RegisteredDomain``), each counted once per domain;
/// - duplicate certificates: certificates for exactly the same names, renewals included;
/// - new orders: every order that is not a renewal, whether it issued or failed.
///
/// Orders whose outcome the journal does not know count as issued. Pure: the time is the
/// observation's.
public struct RateLimitForecast: Sendable {
    public let limits: ACMERateLimits
    public let directory: String
    public let now: Int
    /// The history at this directory, within the longest window.
    var history: [CertificateOrder]
    /// What this plan orders, admitted so far.
    var planned: [CertificateOrder] = []

    public init(limits: ACMERateLimits, directory: String, history: [CertificateOrder], now: Int) {
        self.limits = limits
        self.directory = directory
        self.now = now
        self.history = history.filter { $0.directory == directory && $0.orderedAt > now - limits.longestWindow }
    }

    /// Why one more order would break a limit.
    public struct Refusal: Sendable, Equatable {
        /// `certificates per registered domain example.fr`.
        public var limit: String
        public var used: Int
        public var planned: Int
        public var allowed: ACMERateLimit
        /// Seconds since 1970 when the window first has a place again.
        public var freesAt: Int

        public var text: String {
            "ACME rate limit \(limit) (\(allowed)): \(used) used in the window, \(planned) planned before this one; "
                + "a place frees up at \(UTCDate.text(freesAt))"
        }
    }

    /// Admits an order for `names` into the forecast, or says which limit it would break (the
    /// order is then not counted: it is withheld).
    public mutating func admit(names: [String], renewal: Bool) -> Refusal? {
        let names = names.sorted()
        var refusal: Refusal?
        if let limit = limits.newOrders, !renewal {
            refusal = check(limit, name: "new orders per account") { !$0.renewal }
        }
        if refusal == nil, let limit = limits.duplicateCertificates {
            refusal = check(limit, name: "duplicate certificates for \(names.joined(separator: ", "))") { $0.mayHaveIssued && $0.names == names }
        }
        if refusal == nil, let limit = limits.certificatesPerRegisteredDomain, !renewal {
            for domain in Set(names.map(RegisteredDomain.of)).sorted() {
                refusal = check(limit, name: "certificates per registered domain \(domain)") { order in
                    order.mayHaveIssued && !order.renewal && order.names.contains { RegisteredDomain.of($0) == domain }
                }
                if refusal != nil { break }
            }
        }
        if refusal == nil { planned.append(CertificateOrder(directory: directory, names: names, renewal: renewal, issued: nil, orderedAt: now)) }
        return refusal
    }

    /// Whether one more order counted by `counts` fits in `limit`'s window.
    func check(_ limit: ACMERateLimit, name: String, counts: (CertificateOrder) -> Bool) -> Refusal? {
        let inWindow = history.filter { $0.orderedAt > now - limit.window && counts($0) }
        let plannedCount = planned.filter(counts).count
        guard inWindow.count + plannedCount + 1 > limit.count else { return nil }
        // The window frees a place when the oldest order in it leaves; orders of this plan
        // leave one window after now.
        let times = (inWindow.map(\.orderedAt) + Array(repeating: now, count: plannedCount)).sorted()
        let excess = inWindow.count + plannedCount + 1 - limit.count
        let freesAt = times[min(excess - 1, times.count - 1)] + limit.window
        return Refusal(limit: name, used: inWindow.count, planned: plannedCount, allowed: limit, freesAt: freesAt)
    }
}
