import Foundation
import HTTPClient

/// Sends a webhook as GitLab does: one POST, no retry (GitLab retries only through its own
/// backoff), the receiver's status reported back.
enum WebhookSender {
    static func send(_ event: WebhookEvent, to url: String, token: String?) async throws -> Int {
        guard let target = URL(string: url), ["http", "https"].contains(target.scheme?.lowercased() ?? "") else {
            throw SimError("the webhook URL must be http(s)://…, got \(url)")
        }
        let client = HTTPClient(configuration: HTTPClientConfiguration(connectTimeout: .seconds(5), totalTimeout: .seconds(10),
                                                                       maxResponseBytes: 1 << 20, retry: .never, proxy: .direct))
        var headers = HTTPHeaders()
        for (name, value) in event.headers(token: token) { headers.add(name, value) }
        let response = try await client.send(HTTPRequest(method: .post, url: target, headers: headers, body: event.body()))
        return response.status
    }
}
