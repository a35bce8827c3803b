import Foundation

/// Why `HTTPClient.send` has no response to give. Its description says what failed, against which
/// host, after how many attempts and how long; it never holds a header value, a body or the
/// user information of a URL.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public enum Kind: Sendable, Equatable {
        /// The host name (or the proxy's) did not resolve.
        case nameResolution
        /// The connection was refused or could not be made.
        case connectFailed
        /// The connection was not established within the connect timeout.
        case connectTimeout
        /// The answer was not complete within the total timeout.
        case timedOut
        /// The server's TLS certificate or host name could not be verified.
        case certificate
        /// Another TLS failure (handshake, protocol, CA bundle file).
        case tls
        /// The proxy failed or refused the request.
        case proxy
        /// The response body was larger than the configured maximum.
        case responseTooLarge
        /// The connection broke or the server answered something that is not HTTP.
        case transport
        /// The last attempt got this status, which asks for a retry, and no attempt was left.
        case status(Int)
        /// The request cannot be sent as given (URL, header, scheme).
        case invalidRequest
    }

    public var kind: Kind
    public var method: HTTPMethod
    /// `host:port` the request was for.
    public var host: String
    public var attempts: Int
    /// From the first attempt's start to the failure, waits between attempts included.
    public var elapsed: Duration
    /// libcurl's message (cleaned of the request's secrets) or another detail, for the curious.
    public var detail: String
    /// libcurl's CURLcode of the last attempt, if it failed in libcurl.
    public var curlCode: Int?
    /// The last response, for `.status` (its status and body, say Vault's "sealed").
    public var response: HTTPResponse?
    /// For `.responseTooLarge`: the configured limit. For timeouts: the limit that fired.
    var limit: String?

    public var description: String {
        var what: String
        switch kind {
        case .nameResolution: what = "could not resolve the host name"
        case .connectFailed: what = "could not connect"
        case .connectTimeout: what = "could not connect within the connect timeout" + (limit.map { " of \($0)" } ?? "")
        case .timedOut: what = "got no complete answer within the total timeout" + (limit.map { " of \($0)" } ?? "")
        case .certificate: what = "could not verify the server's TLS certificate (is the CA in the CA bundle?)"
        case .tls: what = "failed to set up TLS"
        case .proxy: what = "failed through the proxy"
        case .responseTooLarge: what = "got a response body larger than the limit" + (limit.map { " of \($0)" } ?? "")
        case .transport: what = "lost the connection or got no valid HTTP answer"
        case .status(let status): what = "got HTTP \(status), which asks for a retry, on the last attempt"
        case .invalidRequest: what = "cannot send the request as given"
        }
        let when = switch attempts {
        case 0: "before any attempt"
        case 1: "after 1 attempt, \(Self.format(elapsed))"
        default: "after \(attempts) attempts, \(Self.format(elapsed))"
        }
        var text = "HTTP \(method) to \(host) \(what) (\(when))"
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }

    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let total = Double(seconds) + Double(attoseconds) / 1e18
        if total < 1 { return "\(Int((total * 1000).rounded())) ms" }
        return String(format: "%.1f s", total)
    }

    public var errorDescription: String? { description }
}
