import Foundation
import HTTPClient

/// GitLab's REST API v4 through the project's libcurl client: the token in its header (held as a
/// credential, so never in a description or an error), JSON bodies, errors told apart by status.
/// 429 and 5xx are retried by `HTTPClient` (with `Retry-After`); a POST is retried only on 429,
/// which says GitLab did not act.
public struct GitLabClient: Sendable {
    /// `…/api/v4`, as GitLab CI's `CI_API_V4_URL` gives it.
    public let apiURL: String
    let token: GitLabToken
    let http: HTTPClient

    public init(apiURL: String, token: GitLabToken, configuration: HTTPClientConfiguration = GitLabClient.defaultConfiguration) throws {
        var base = apiURL.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host != nil else {
            throw GitLabError.configuration("the GitLab API URL must be http(s)://host/api/v4, got \(HTTPRedaction.redact(url: base))")
        }
        self.apiURL = base
        self.token = token
        // PRIVATE-TOKEN and JOB-TOKEN are among HTTPClient's standard credential headers:
        // never shown in a description, scrubbed from libcurl's messages.
        http = HTTPClient(configuration: configuration)
    }

    public static var defaultConfiguration: HTTPClientConfiguration {
        HTTPClientConfiguration(connectTimeout: .seconds(10), totalTimeout: .seconds(30), maxResponseBytes: 8 << 20,
                                retry: HTTPRetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(500), maxDelay: .seconds(30)))
    }

    /// One call. `path` starts with `/` and holds already-encoded segments; `query` is encoded here.
    /// Returns the 2xx response; anything else throws `GitLabError`.
    func call(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: [String: Any]? = nil) async throws -> HTTPResponse {
        let shown = "\(method) \(path)"
        var text = apiURL + path
        if !query.isEmpty {
            text += "?" + query.map { "\(GitLabPath.encode($0.0))=\(GitLabPath.encode($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else { throw GitLabError.configuration("cannot build a URL for \(shown)") }
        var headers: HTTPHeaders = [token.kind.header: token.value, "Accept": "application/json"]
        var body: [UInt8] = []
        if let json {
            headers.add("Content-Type", "application/json")
            body = try [UInt8](JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
        }
        let response: HTTPResponse
        do {
            response = try await http.send(HTTPRequest(method: method, url: url, headers: headers, body: body))
        } catch let error as HTTPClientError {
            if case .status(let status) = error.kind {
                if status == 429 { throw GitLabError.rateLimited(request: shown, attempts: error.attempts) }
                throw GitLabError.server(request: shown, status: status, attempts: error.attempts)
            }
            throw GitLabError.transport(request: shown, detail: error.description)
        }
        let message = GitLabError.message(in: response.body)
        switch response.status {
        case 200..<300: return response
        case 401: throw GitLabError.unauthorized(request: shown, tokenKind: token.kind)
        case 403: throw GitLabError.forbidden(request: shown, message: message)
        case 404: throw GitLabError.notFound(request: shown, message: message)
        case 429: throw GitLabError.rateLimited(request: shown, attempts: response.attempts)
        case 500...: throw GitLabError.server(request: shown, status: response.status, attempts: response.attempts)
        default: throw GitLabError.rejected(request: shown, status: response.status, message: message)
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, request: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: response.data)
        } catch {
            throw GitLabError.unreadable(request: request, detail: "expected \(T.self): \(error)".prefix(300).description)
        }
    }

    func projectPath(_ project: GitLabProjectID) -> String { "/projects/\(project.pathSegment)" }
}
