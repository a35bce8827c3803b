import Foundation
import Hummingbird

/// Turns Hummingbird requests into SimRequests and SimResponses into Hummingbird responses:
/// `/v1/…` goes to Vault's API (after the injected latency), `/sim/…` to the admin API.
struct HTTPAdapter: Sendable {
    let vault: VaultServer
    let log: RequestLog?

    /// A header's value by case-insensitive name.
    static func header(_ request: Request, _ name: String) -> String? {
        request.headers.first { $0.name.canonicalName == name.lowercased() }?.value
    }

    func respond(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 8 << 20)
        let path = request.uri.path.removingPercentEncoding ?? request.uri.path
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }

        var method = request.method.rawValue
        if Self.header(request, ListMethodRewriter.markerHeader) == "LIST" { method = "LIST" }
        // Vault takes `GET ?list=true` as LIST, for clients that cannot send custom methods.
        if method == "GET", query["list"] == "true" { method = "LIST" }

        var token = Self.header(request, "X-Vault-Token")
        if token == nil, let authorization = Self.header(request, "Authorization"), authorization.hasPrefix("Bearer ") {
            token = String(authorization.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        }
        let namespace = Self.header(request, "X-Vault-Namespace") ?? ""

        let response: SimResponse
        if path.hasPrefix("/sim/") {
            let simRequest = SimRequest(method: method, path: String(path.dropFirst(5)), query: query, token: token,
                                        namespace: namespace, body: Data(buffer: body))
            response = await vault.admin(simRequest)
        } else if path.hasPrefix("/v1/") {
            let simRequest = SimRequest(method: method, path: Self.trimSlashes(String(path.dropFirst(4)), keepTrailing: method == "LIST"),
                                        query: query, token: token, namespace: namespace, body: Data(buffer: body))
            let latency = await vault.latency
            if latency > 0 { try await Task.sleep(for: .milliseconds(latency)) }
            response = await vault.handle(simRequest)
        } else {
            response = .notFound
        }
        if let log {
            var tokenName: String?
            if let token { tokenName = await vault.displayName(ofToken: token) ?? "unknown" }
            log.record(method: method, path: path, status: response.status, namespace: namespace, tokenName: tokenName, at: Date())
        }
        return Self.render(response, head: method == "HEAD")
    }

    /// Vault treats `a//b` as `a/b`; a trailing slash only matters to LIST.
    static func trimSlashes(_ path: String, keepTrailing: Bool) -> String {
        let joined = path.split(separator: "/").joined(separator: "/")
        return keepTrailing && path.hasSuffix("/") && !joined.isEmpty ? joined + "/" : joined
    }

    static func render(_ response: SimResponse, head: Bool) -> Response {
        let status = HTTPResponse.Status(code: response.status)
        guard let body = response.body else { return Response(status: status) }
        // Exactly `application/json`: hvac only reads `errors` when the header is that string.
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        let bytes = body.encoded() + Data("\n".utf8)
        if head { return Response(status: status, headers: headers) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
