import Foundation
import Hummingbird

/// Turns Hummingbird requests into SimRequests and SimResponses into Hummingbird responses:
/// `/1.0/…` and `/v1/…` go to the OVH API (after the injected latency), `/sim/…` to the admin API.
struct HTTPAdapter: Sendable {
    let server: OVHServer
    let log: RequestLog?

    static func header(_ request: Request, _ name: String) -> String? {
        request.headers.first { $0.name.canonicalName == name.lowercased() }?.value
    }

    func respond(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 8 << 20)
        let path = request.uri.path.removingPercentEncoding ?? request.uri.path
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        let host = request.head.authority ?? Self.header(request, "Host") ?? "127.0.0.1"
        let method = request.method.rawValue

        let response: SimResponse
        if path.hasPrefix("/sim/") {
            let simRequest = SimRequest(method: method, path: String(path.dropFirst(4)), query: query, signedURL: "",
                                        headers: [:], body: Data(buffer: body))
            response = await server.admin(simRequest)
        } else if let prefix = ["/1.0/", "/v1/"].first(where: { path.hasPrefix($0) }) {
            // OVH signs the URL exactly as the client sent it.
            let signedURL = "http://\(host)\(request.uri.string)"
            var headers: [String: String] = [:]
            for name in ["X-Ovh-Application", "X-Ovh-Consumer", "X-Ovh-Timestamp", "X-Ovh-Signature"] {
                headers[name] = Self.header(request, name)
            }
            let simRequest = SimRequest(method: method, path: String(path.dropFirst(prefix.count - 1)), query: query,
                                        signedURL: signedURL, headers: headers, body: Data(buffer: body))
            let latency = await server.faults.latencyMilliseconds
            if latency > 0 { try await Task.sleep(for: .milliseconds(latency)) }
            response = await server.handle(simRequest)
        } else {
            response = .error(404, ["class": "Client::NotFound", "message": "Got an invalid (or empty) URL"])
        }
        log?.record(method: method, path: path, status: response.status, at: Date())
        return Self.render(response)
    }

    static func render(_ response: SimResponse) -> Response {
        var headers = HTTPFields()
        // As OVH sends it (see the recorded answers).
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        if let retryAfter = response.retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: HTTPResponse.Status(code: response.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: response.body)))
    }
}
