import Foundation

/// Who may read the dashboard (`/` and `/runs/<id>`). Without a token, anyone who reaches the
/// port (loopback only: serve refuses to listen elsewhere without one). With a token, a request
/// must present it, compared in constant time, in one of three ways:
/// - `Authorization: Bearer <token>` (scripts, curl);
/// - the `tenantctl_dashboard` cookie, which holds the token hex-encoded;
/// - `?token=<token>` once, from a browser: answered 303 to the same page without the query,
///   setting the cookie (HttpOnly, SameSite=Strict), so the token leaves the address bar and the
///   history at once.
public struct DashboardAccess: Sendable {
    public static let cookieName = "tenantctl_dashboard"

    public enum Verdict: Sendable, Equatable {
        case allowed
        /// The query's token was right: redirect to `location`, setting `cookie`.
        case remember(location: String, cookie: String)
        case denied
    }

    private let token: [UInt8]?
    private let closed: Bool

    /// - Parameter token: nil or empty: no token is asked for.
    public init(token: String?) {
        self.token = token.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        closed = false
    }

    private init(closed: Bool) {
        token = nil
        self.closed = closed
    }

    /// Nobody may read: the token file could not be read any more.
    public static let closed = DashboardAccess(closed: true)

    public var requiresToken: Bool { token != nil || closed }

    /// - Parameters:
    ///   - authorization: the Authorization header; `cookies`: the Cookie header;
    ///   - queryToken: the `token` query parameter, decoded; `path`: the request's path.
    public func judge(authorization: String?, cookies: String?, queryToken: String?, path: String) -> Verdict {
        if closed { return .denied }
        guard let token else { return .allowed }
        if let authorization, authorization.lowercased().hasPrefix("bearer ") {
            let presented = authorization.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
            if WebhookGate.constantTimeEqual(Array(presented.utf8), token) { return .allowed }
        }
        if let value = Self.cookie(Self.cookieName, in: cookies), let presented = Self.unhex(value),
           WebhookGate.constantTimeEqual(presented, token) {
            return .allowed
        }
        if let queryToken, WebhookGate.constantTimeEqual(Array(queryToken.utf8), token) {
            let cookie = "\(Self.cookieName)=\(Self.hex(token)); Path=/; HttpOnly; SameSite=Strict"
            return .remember(location: path.isEmpty ? "/" : path, cookie: cookie)
        }
        return .denied
    }

    static func cookie(_ name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    static func unhex(_ text: String) -> [UInt8]? {
        let scalars = Array(text.utf8)
        guard scalars.count % 2 == 0, scalars.count <= 2048 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count / 2)
        var index = 0
        while index < scalars.count {
            guard let high = nibble(scalars[index]), let low = nibble(scalars[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// Whether a `--listen` host is reachable from this machine only. Anything else — a wildcard
/// (`0.0.0.0`, `::`), an interface address, a host name other than `localhost` — counts as
/// reachable from the network.
public enum LoopbackHost {
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy({ $0.isASCII && $0.isNumber }) && (Int($0) ?? 256) <= 255 }) else {
            return false
        }
        return octets[0] == "127"
    }
}
