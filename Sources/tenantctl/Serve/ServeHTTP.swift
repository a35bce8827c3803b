import Foundation
import Hummingbird
import ServeCore

/// The daemon's endpoints. Read-only except the webhook, which only asks for a look: nothing a
/// request carries decides what is reconciled. The dashboard (`/`, `/runs/<id>`) asks for its
/// token when one is set (``DashboardAccess``); the probes and /metrics never do.
struct ServeHTTP: Sendable {
    let daemon: ServeDaemon

    func respond(_ request: Request) async throws -> Response {
        let path = request.uri.path
        switch (request.method, path) {
        case (.get, "/healthz"), (.head, "/healthz"):
            return Self.text(.ok, "ok\n")
        case (.get, "/readyz"), (.head, "/readyz"):
            let problems = await daemon.readiness.problems()
            return problems.isEmpty ? Self.text(.ok, "ready\n") : Self.text(.serviceUnavailable, "not ready: " + problems.joined(separator: "; ") + "\n")
        case (.get, "/metrics"):
            return Self.text(.ok, daemon.metrics.text(), type: "text/plain; version=0.0.4; charset=utf-8")
        case (.get, "/"), (.head, "/"):
            return await dashboard(request) { await DashboardPages(daemon: daemon).fleet() }
        case (.get, _) where path.hasPrefix("/runs/"), (.head, _) where path.hasPrefix("/runs/"):
            // Digits only, bounded: anything else is not a run.
            let digits = path.dropFirst("/runs/".count)
            guard (1...18).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(digits) else {
                return Self.text(.notFound, "not found\n")
            }
            return await dashboard(request) { await DashboardPages(daemon: daemon).run(id) }
        case (.post, "/hooks/gitlab"):
            return try await webhook(request)
        case (_, "/healthz"), (_, "/readyz"), (_, "/metrics"), (_, "/"), (_, "/hooks/gitlab"):
            return Self.text(.methodNotAllowed, "method not allowed\n")
        default:
            return Self.text(.notFound, "not found\n")
        }
    }

    /// A dashboard page, once the request may read it: 401 without the token, 303 setting the
    /// cookie when the token came in the query.
    private func dashboard(_ request: Request, _ page: () async -> DashboardPages.Page) async -> Response {
        let query = request.uri.queryParameters.get("token")
        switch daemon.dashboardAccess().judge(authorization: Self.header(request, "Authorization"), cookies: Self.header(request, "Cookie"),
                                              queryToken: query, path: request.uri.path) {
        case .denied:
            var response = Self.html(.unauthorized, DashboardLayout.page(
                title: "tenantctl", heading: "tenantctl", meta: "token required",
                body: "<p>This dashboard needs its token: open <code>/?token=&lt;token&gt;</code> once (a cookie keeps it), or send <code>Authorization: Bearer &lt;token&gt;</code>.</p>"))
            response.headers[.wwwAuthenticate] = "Bearer realm=\"tenantctl\""
            return response
        case let .remember(location, cookie):
            var headers = HTTPFields()
            headers[.location] = location
            headers[.setCookie] = cookie
            headers[.cacheControl] = "no-store"
            return Response(status: .seeOther, headers: headers)
        case .allowed:
            switch await page() {
            case let .html(text): return Self.html(.ok, text)
            case .notFound: return Self.text(.notFound, "not found\n")
            case let .unavailable(reason): return Self.text(.serviceUnavailable, reason + "\n")
            }
        }
    }

    /// A page: no caching, no framing by other sites, no script, nothing fetched from elsewhere.
    static func html(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var response = text(status, body, type: "text/html; charset=utf-8")
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }

    /// 401 before the body is read; a body over the limit is 413 and starts nothing.
    private func webhook(_ request: Request) async throws -> Response {
        let verdict = daemon.webhookGate().judge(token: Self.header(request, "X-Gitlab-Token"), event: Self.header(request, "X-Gitlab-Event"))
        guard verdict != .unauthorized else {
            daemon.metrics.webhookReceived(result: "unauthorized")
            return Self.text(.unauthorized, "unauthorized\n")
        }
        if let length = Self.header(request, "Content-Length").flatMap(Int.init), length > WebhookGate.maximumBodyBytes {
            daemon.metrics.webhookReceived(result: "too_large")
            return Self.text(.contentTooLarge, "body too large\n")
        }
        var request = request
        do { _ = try await request.collectBody(upTo: WebhookGate.maximumBodyBytes) } catch {
            daemon.metrics.webhookReceived(result: "too_large")
            return Self.text(.contentTooLarge, "body too large\n")
        }
        switch verdict {
        case let .look(event):
            daemon.metrics.webhookReceived(result: "look")
            let coalesced = await daemon.trigger.request(.hook)
            if coalesced { daemon.metrics.webhookCoalesced() }
            daemon.logger.info("webhook", metadata: ["event": .string(event), "look": .string(coalesced ? "coalesced" : "requested")])
            return Self.json(.accepted, coalesced ? "coalesced" : "look")
        case let .ignored(event):
            daemon.metrics.webhookReceived(result: "ignored")
            daemon.logger.info("webhook ignored", metadata: ["event": .string(String(event.prefix(64)))])
            return Self.json(.accepted, "ignored")
        case .unauthorized:
            return Self.text(.unauthorized, "unauthorized\n")
        }
    }

    static func header(_ request: Request, _ name: String) -> String? {
        request.headers.first { $0.name.canonicalName == name.lowercased() }?.value
    }

    static func text(_ status: HTTPResponse.Status, _ body: String, type: String = "text/plain; charset=utf-8") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func json(_ status: HTTPResponse.Status, _ word: String) -> Response {
        text(status, "{\"status\":\"\(word)\"}\n", type: "application/json")
    }
}
