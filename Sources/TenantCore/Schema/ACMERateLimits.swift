import Foundation

/// The rate limits of an ACME directory that tenantctl forecasts before it orders anything
/// (``CertificateSettings/rateLimits``): each is a number of events in a sliding window.
/// Let's Encrypt's published defaults apply to its directories; any other CA has none unless
/// tenantctl.yaml names them (pebble in tests, a commercial CA with its own terms).
public struct ACMERateLimits: Sendable, Codable, Equatable {
    /// New certificates whose names fall under one registered domain (renewals exempt).
    public var certificatesPerRegisteredDomain: ACMERateLimit?
    /// Certificates for exactly the same set of names, renewals included.
    public var duplicateCertificates: ACMERateLimit?
    /// Orders the account creates (renewals exempt, as Let's Encrypt counts them).
    public var newOrders: ACMERateLimit?

    public init(certificatesPerRegisteredDomain: ACMERateLimit? = nil, duplicateCertificates: ACMERateLimit? = nil, newOrders: ACMERateLimit? = nil) {
        self.certificatesPerRegisteredDomain = certificatesPerRegisteredDomain
        self.duplicateCertificates = duplicateCertificates
        self.newOrders = newOrders
    }

    /// No limit is forecast.
    public static let none = ACMERateLimits()

    /// Let's Encrypt's limits (letsencrypt.org/docs/rate-limits): 50 certificates per registered
    /// domain and 5 duplicates per 7 days, 300 new orders per account per 3 hours.
    public static let letsEncrypt = ACMERateLimits(certificatesPerRegisteredDomain: ACMERateLimit(count: 50, window: 7 * 86_400),
                                                   duplicateCertificates: ACMERateLimit(count: 5, window: 7 * 86_400),
                                                   newOrders: ACMERateLimit(count: 300, window: 3 * 3600))

    /// What applies to `directory` when tenantctl.yaml says nothing: Let's Encrypt's limits for
    /// its production and staging directories (staging's are higher, so the production figures
    /// are a safe forecast there too), none for any other CA.
    public static func defaults(for directory: String) -> ACMERateLimits {
        directory.contains("api.letsencrypt.org") ? .letsEncrypt : .none
    }

    /// The longest window: how far back the journal's history is read.
    public var longestWindow: Int {
        [certificatesPerRegisteredDomain, duplicateCertificates, newOrders].compactMap { $0?.window }.max() ?? 0
    }
}

/// At most `count` events in any `window` seconds.
public struct ACMERateLimit: Sendable, Codable, Equatable, CustomStringConvertible {
    public var count: Int
    /// Seconds.
    public var window: Int

    public init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    /// `50 per 7 days`.
    public var description: String { "\(count) per \(Self.spanText(window))" }

    static func spanText(_ seconds: Int) -> String {
        if seconds % 86_400 == 0 { return seconds == 86_400 ? "day" : "\(seconds / 86_400) days" }
        if seconds % 3600 == 0 { return seconds == 3600 ? "hour" : "\(seconds / 3600) hours" }
        if seconds % 60 == 0 { return "\(seconds / 60) minutes" }
        return "\(seconds) seconds"
    }
}

extension Field {
    /// `rateLimits`: `none`, or a mapping of limits, each `{count: 50, window: 7d}`; a limit
    /// left out of the mapping is not forecast.
    func acmeRateLimits() -> ACMERateLimits? {
        if case let .scalar(scalar) = node, scalar.string == "none" { return ACMERateLimits.none }
        guard let map = mapping(allowed: ["certificatesPerRegisteredDomain", "duplicateCertificates", "newOrders"], context: "rateLimits") else { return nil }
        var limits = ACMERateLimits()
        var valid = true
        func limit(_ key: String) -> ACMERateLimit? {
            guard let field = map.optional(key) else { return nil }
            guard let value = field.acmeRateLimit() else {
                valid = false
                return nil
            }
            return value
        }
        limits.certificatesPerRegisteredDomain = limit("certificatesPerRegisteredDomain")
        limits.duplicateCertificates = limit("duplicateCertificates")
        limits.newOrders = limit("newOrders")
        return valid ? limits : nil
    }

    /// `{count: 50, window: 7d}`: a count from 1 to 1,000,000 and a window in seconds (`s`),
    /// minutes (`m`), hours (`h`) or days (`d`), up to a year.
    func acmeRateLimit() -> ACMERateLimit? {
        guard let map = mapping(allowed: ["count", "window"], context: "rate limit") else { return nil }
        let countField = map.required("count", expected: "how many the CA allows in the window (50)")
        var count: Int?
        if let value = countField?.int() {
            if value.value >= 1, value.value <= 1_000_000 {
                count = value.value
            } else {
                countField?.error("expected a whole number from 1 to 1000000, got \(value.value)")
            }
        }
        let windowField = map.required("window", expected: "the window the count applies to (7d, 3h)")
        var window: Int?
        if let text = windowField?.string()?.value {
            window = ACMERateLimitWindow.seconds(text)
            if window == nil {
                windowField?.error("expected a duration such as 7d, 3h, 30m or 20s (up to 366d), got '\(Printable.escaped(String(text.prefix(40))))'")
            }
        }
        guard let count, let window else { return nil }
        return ACMERateLimit(count: count, window: window)
    }
}

/// Windows as tenantctl.yaml writes them.
public enum ACMERateLimitWindow {
    /// `7d` → 604800; nil for anything else than digits and one of `s m h d`, or beyond a year.
    public static func seconds(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let unit = trimmed.last, let value = Int(trimmed.dropLast()), value > 0 else { return nil }
        let factor: Int
        switch unit {
        case "s": factor = 1
        case "m": factor = 60
        case "h": factor = 3600
        case "d": factor = 86_400
        default: return nil
        }
        let seconds = value.multipliedReportingOverflow(by: factor)
        guard !seconds.overflow, seconds.partialValue <= 366 * 86_400 else { return nil }
        return seconds.partialValue
    }
}
