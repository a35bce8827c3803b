import Foundation

/// Which header values are credentials, and how URLs and messages are cleaned of them.
///
/// Credential header values never appear in an error, a log line or a description made by this
/// module: descriptions show header names only, URLs lose their user information and credential-like
/// query parameters, and any text taken from libcurl is scrubbed of the request's secret values.
public struct HTTPRedaction: Sendable {
    /// Always held as credentials, compared case-insensitively.
    public static let standardCredentialHeaders: [String] = [
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
        "X-Vault-Token",
        "X-Ovh-Application", "X-Ovh-Consumer", "X-Ovh-Signature",
        "X-Gitlab-Token", "Private-Token", "Job-Token",
        "X-Amz-Security-Token",
    ]

    /// Query parameters whose values are redacted in URLs shown to people (GitLab's
    /// `private_token`, S3 presigned URLs' signature and credential, OAuth's `access_token`…).
    static let credentialQueryParameters: Set<String> = [
        "private_token", "access_token", "token", "password", "secret", "signature",
        "x-amz-signature", "x-amz-credential", "x-amz-security-token",
    ]

    static let placeholder = "<redacted>"

    private let names: Set<String>

    /// The standard credential headers plus `extraCredentialHeaders`.
    public init(extraCredentialHeaders: [String] = []) {
        names = Set((Self.standardCredentialHeaders + extraCredentialHeaders).map { $0.lowercased() })
    }

    public func isCredential(_ headerName: String) -> Bool {
        names.contains(headerName.lowercased())
    }

    /// The URL with its user information and credential-like query values replaced by `<redacted>`.
    public static func redact(url: String) -> String {
        var text = url
        // scheme://user:password@host/… → scheme://<redacted>@host/…
        if let schemeEnd = text.range(of: "://") {
            let authorityStart = schemeEnd.upperBound
            let authorityEnd = text[authorityStart...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? text.endIndex
            if let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") {
                text.replaceSubrange(authorityStart..<at, with: placeholder)
            }
        }
        guard let question = text.firstIndex(of: "?") else { return text }
        let fragmentStart = text[question...].firstIndex(of: "#") ?? text.endIndex
        let query = text[text.index(after: question)..<fragmentStart]
        let cleaned = query.split(separator: "&", omittingEmptySubsequences: false).map { item -> String in
            guard let equals = item.firstIndex(of: "=") else { return String(item) }
            let name = item[..<equals].lowercased().replacingOccurrences(of: "-", with: "_")
            let plain = name.replacingOccurrences(of: "_", with: "-")
            if credentialQueryParameters.contains(name) || credentialQueryParameters.contains(plain) {
                return item[...equals] + placeholder
            }
            return String(item)
        }.joined(separator: "&")
        text.replaceSubrange(text.index(after: question)..<fragmentStart, with: cleaned)
        return text
    }

    /// The secret strings of a request: credential header values (and their words, so that the
    /// token of `Bearer <token>` is caught alone) and the URL's user name and password.
    func secrets(of request: HTTPRequest) -> [String] {
        var found: [String] = []
        for field in request.headers where isCredential(field.name) {
            found.append(field.value)
            found += field.value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "=" }).map(String.init)
        }
        if let user = request.url.user { found.append(user) }
        if let password = request.url.password { found.append(password) }
        if let user = request.url.user(percentEncoded: true) { found.append(user) }
        if let password = request.url.password(percentEncoded: true) { found.append(password) }
        // Longest first, so that a value is replaced whole before any of its words.
        return Array(Set(found.filter { $0.count >= 4 })).sorted { $0.count > $1.count }
    }

    /// `text` with every occurrence of the request's secrets replaced by `<redacted>`.
    func scrub(_ text: String, of request: HTTPRequest) -> String {
        var result = text
        for secret in secrets(of: request) {
            result = result.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        return result
    }

    /// A header value fit for one log line.
    static func printable(_ value: String) -> String {
        String(value.map { $0.isNewline ? " " : $0 })
    }
}
