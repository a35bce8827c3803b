import Foundation
import Hummingbird

/// Turns Hummingbird requests into SimRequests and SimResponses into Hummingbird responses:
/// `/api/v4/…` goes to the API (after the injected latency), `/sim/…` to the admin API. Path
/// segments are split before they are decoded, so `group%2Fproject` stays one segment.
struct HTTPAdapter: Sendable {
    let server: GitLabServer
    let log: RequestLog?

    func respond(_ request: Request) async throws -> Response {
        var request = request
        // GitLab refuses bodies far smaller than this; a note is at most 1,000,000 characters.
        let body = try await request.collectBody(upTo: 8 << 20)
        let rawPath = request.uri.path
        let segments = rawPath.split(separator: "/", omittingEmptySubsequences: true).map { String($0).removingPercentEncoding ?? String($0) }
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key).removingPercentEncoding ?? String(key)] = String(value) }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let host = request.head.authority ?? headers["host"] ?? "127.0.0.1"
        let method = request.method.rawValue
        func simRequest(_ segments: [String]) -> SimRequest {
            SimRequest(method: method, segments: segments, rawPath: rawPath, query: query, headers: headers,
                       body: Data(buffer: body), contentType: headers["content-type"] ?? "", baseURL: "http://\(host)")
        }

        let response: SimResponse
        if segments.first == "sim" {
            response = await server.admin(simRequest(Array(segments.dropFirst())))
        } else if segments.count >= 2, segments[0] == "api", segments[1] == "v4" {
            let latency = await server.latency
            if latency > 0 { try await Task.sleep(for: .milliseconds(latency)) }
            response = await server.handle(simRequest(Array(segments.dropFirst(2))))
        } else {
            response = .routeNotFound
        }
        log?.record(method: method, path: rawPath, status: response.status, at: Date())
        return Self.render(response)
    }

    static func render(_ response: SimResponse) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "max-age=0, private, must-revalidate"
        for (name, value) in response.headers {
            if let field = HTTPFields.Element.Name(name) { headers.append(HTTPFields.Element(name: field, value: value)) }
        }
        return Response(status: HTTPResponse.Status(code: response.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: response.body)))
    }
}
