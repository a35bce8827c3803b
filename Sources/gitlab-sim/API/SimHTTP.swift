import Foundation

/// A request as the simulator sees it: the path split into decoded segments (so that a project
/// path sent as `group%2Fproject` is one segment), the decoded query, the headers it reads and
/// the body's parameters (JSON or form-encoded, as GitLab takes both).
struct SimRequest: Sendable {
    var method: String
    var segments: [String]
    /// The path as sent (still encoded), for the `Link` header's URLs.
    var rawPath: String
    var query: [String: String]
    var headers: [String: String]
    var body: Data
    var contentType: String
    /// `http://host:port`, for the URLs of `Link` headers and `web_url` fields.
    var baseURL: String

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Parameters from the query string and the body, the body winning (as Grape merges them).
    var parameters: [String: Any] {
        var result: [String: Any] = query
        if contentType.lowercased().hasPrefix("application/json") {
            if let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] {
                result.merge(object) { $1 }
            }
        } else if !body.isEmpty {
            for (key, value) in SimForm.decode(String(decoding: body, as: UTF8.self)) { result[key] = value }
        }
        return result
    }
}

/// `application/x-www-form-urlencoded` and query strings.
enum SimForm {
    static func decode(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = unescape(String(parts[0]))
            result[key] = parts.count > 1 ? unescape(String(parts[1])) : ""
        }
        return result
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
    }
}

/// An answer: status, extra headers and the JSON bytes.
struct SimResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: Data

    static func json(_ value: Any, status: Int = 200, headers: [(String, String)] = []) -> SimResponse {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])) ?? Data("null".utf8)
        return SimResponse(status: status, headers: headers, body: data)
    }

    /// GitLab's error shapes: `{"message": "401 Unauthorized"}`, `{"error": "state is missing"}`.
    static func message(_ status: Int, _ text: String) -> SimResponse { json(["message": text], status: status) }
    static func error(_ status: Int, _ text: String) -> SimResponse { json(["error": text], status: status) }

    static let unauthorized = message(401, "401 Unauthorized")
    static let forbidden = message(403, "403 Forbidden")
    static let projectNotFound = message(404, "404 Project Not Found")
    static let notFound = message(404, "404 Not found")
    static let routeNotFound = error(404, "404 Not Found")
    static let noContent = SimResponse(status: 204, body: Data())
}
