import HTTPClient

/// Why a GitLab call failed, told apart so that a CI log says what to fix. Messages name the
/// method and the API path (never the token, never a request body); GitLab's own `message` is
/// included, cut to one short line.
public enum GitLabError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A local problem before any request: a missing variable, an unreadable token file.
    case configuration(String)
    /// 401: no token, a wrong, expired or revoked one, or a job token on an endpoint that refuses them.
    case unauthorized(request: String, tokenKind: GitLabToken.Kind?)
    /// 403: the token is valid but may not do this (scope `api` missing, role too low).
    case forbidden(request: String, message: String)
    /// 404: the project, commit or merge request does not exist — or the token may not see it.
    case notFound(request: String, message: String)
    /// 400, 409, 422…: GitLab refused the request's content.
    case rejected(request: String, status: Int, message: String)
    /// 429 still after the client's retries.
    case rateLimited(request: String, attempts: Int)
    /// 5xx still after the client's retries (or at once, for a POST that may have acted).
    case server(request: String, status: Int, attempts: Int)
    /// No answer: connection, TLS, timeout (HTTPClientError's description, already redacted).
    case transport(request: String, detail: String)
    /// An answer that is not the documented JSON.
    case unreadable(request: String, detail: String)

    public var description: String {
        switch self {
        case .configuration(let text):
            return text
        case .unauthorized(let request, let kind):
            var text = "GitLab refused the token (401 Unauthorized) on \(request): check that it is set, not expired or revoked"
            if kind == .jobToken {
                text += "; a CI job token (CI_JOB_TOKEN) is not accepted by this endpoint — give a project access token with the api scope (TENANTCTL_GITLAB_TOKEN or --gitlab-token-file)"
            }
            return text
        case .forbidden(let request, let message):
            return "GitLab forbids \(request) (403 Forbidden\(Self.suffix(message))): the token needs the api scope and at least the Developer role (Reporter for notes)"
        case .notFound(let request, let message):
            return "GitLab found nothing at \(request) (404 Not Found\(Self.suffix(message))): check the project id or path, the commit or merge request, and that the token can see the project"
        case .rejected(let request, let status, let message):
            return "GitLab rejected \(request) (HTTP \(status)\(Self.suffix(message)))"
        case .rateLimited(let request, let attempts):
            return "GitLab rate-limited \(request) (429 Too Many Requests) after \(attempts) attempt(s); try again later"
        case .server(let request, let status, let attempts):
            return "GitLab failed on \(request) (HTTP \(status)) after \(attempts) attempt(s); GitLab may be down or in maintenance"
        case .transport(let request, let detail):
            return "could not reach GitLab for \(request): \(detail)"
        case .unreadable(let request, let detail):
            return "GitLab's answer to \(request) could not be read: \(detail)"
        }
    }

    static func suffix(_ message: String) -> String { message.isEmpty ? "" : ": " + message }

    /// GitLab's `{"message": …}` or `{"error": …}`, cut to one line of at most 200 characters:
    /// an error body is outside text and must not flood a log or forge lines in it.
    static func message(in body: [UInt8]) -> String {
        guard body.count <= 64 << 10,
              let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return "" }
        var text: String
        switch object["message"] ?? object["error"] {
        case let value as String: text = value
        case let value as [String: Any]:
            text = value.keys.sorted().map { key in "\(key) \(value[key].map { "\($0)" } ?? "")" }.joined(separator: "; ")
        case let value as [Any]: text = value.map { "\($0)" }.joined(separator: "; ")
        default: return ""
        }
        text = String(text.map { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true ? " " : $0 })
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}

import Foundation
