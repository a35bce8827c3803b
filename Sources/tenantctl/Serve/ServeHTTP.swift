import Foundation
import Hummingbird
import ServeCore

/// The daemon's endpoints. Read-only except the webhook, which only asks for a look: nothing a
/// request carries decides what is reconciled.
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
        case (.get, "/"):
            return Self.text(.ok, await daemon.board.page(title: "tenantctl"), type: "text/html; charset=utf-8")
        case (.post, "/hooks/gitlab"):
            return try await webhook(request)
        case (_, "/healthz"), (_, "/readyz"), (_, "/metrics"), (_, "/"), (_, "/hooks/gitlab"):
            return Self.text(.methodNotAllowed, "method not allowed\n")
        default:
            return Self.text(.notFound, "not found\n")
        }
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
