import Foundation

/// One HTTP request: what `HTTPClient.send` transfers.
///
/// `description` (what string interpolation and loggers print) shows the method, the URL with any
/// user name, password and credential-like query parameter replaced by `<redacted>`, and the header
/// names, every value shown as `<redacted>`. It never shows the body.
public struct HTTPRequest: Sendable, CustomStringConvertible {
    public var method: HTTPMethod
    public var url: URL
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Whether sending the request twice does no more than sending it once. Decides which failures
    /// are retried (see `HTTPRetryPolicy`). Defaults from the method.
    public var idempotent: Bool

    public init(
        method: HTTPMethod = .get,
        url: URL,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        idempotent: Bool? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.idempotent = idempotent ?? method.isIdempotent
    }

    public init(
        method: HTTPMethod = .get,
        url: URL,
        headers: HTTPHeaders = [:],
        body: Data,
        idempotent: Bool? = nil
    ) {
        self.init(method: method, url: url, headers: headers, body: [UInt8](body), idempotent: idempotent)
    }

    public var description: String {
        let names = headers.names.map { "\($0): <redacted>" }
        var text = "\(method) \(HTTPRedaction.redact(url: url.absoluteString))"
        if !names.isEmpty { text += " [" + names.joined(separator: ", ") + "]" }
        if !body.isEmpty { text += " (\(body.count) bytes of body)" }
        return text
    }

    /// Like `description`, but shows the values of the headers `redaction` does not hold as
    /// credentials (Accept, Content-Type…), which helps when debugging.
    public func description(using redaction: HTTPRedaction) -> String {
        let shown = headers.map { field in
            "\(field.name): " + (redaction.isCredential(field.name) ? "<redacted>" : HTTPRedaction.printable(field.value))
        }
        var text = "\(method) \(HTTPRedaction.redact(url: url.absoluteString))"
        if !shown.isEmpty { text += " [" + shown.joined(separator: ", ") + "]" }
        if !body.isEmpty { text += " (\(body.count) bytes of body)" }
        return text
    }

    /// `host:port` of the URL, for messages (no user information).
    var hostAndPort: String {
        let host = url.host ?? "?"
        let shownHost = host.contains(":") ? "[\(host)]" : host
        if let port = url.port { return "\(shownHost):\(port)" }
        switch url.scheme?.lowercased() {
        case "https": return "\(shownHost):443"
        case "http": return "\(shownHost):80"
        default: return shownHost
        }
    }
}
