import DNSPlanning
import Foundation
import HTTPClient

/// Signed calls to the Route 53 API (version 2013-04-01) through the libcurl client. Route 53 is
/// global: requests are signed for `us-east-1` (the region the fleet may override for another
/// partition) and the service `route53`.
struct Route53API: Sendable {
    let endpoint: URL
    let signer: SigV4Signer
    let http: HTTPClient
    /// Route 53 answers throttling and overlapping changes with 400 (`Throttling`,
    /// `PriorRequestNotComplete`), which HTTPClient does not retry: this many attempts in all.
    var throttleAttempts = 5
    var throttleDelay: Duration = .milliseconds(500)

    func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: String? = nil) async throws -> HTTPResponse {
        var text = endpoint.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += "/2013-04-01" + path
        if !query.isEmpty { text += "?" + URLComponentEncoding.query(query) }
        guard let url = URL(string: text) else {
            throw DNSProviderError(.permanent, "route53: cannot make a URL of \(HTTPRedaction.redact(url: text))")
        }
        let bytes = Array((body ?? "").utf8)
        var attempt = 0
        while true {
            attempt += 1
            var headers = signer.sign(method: method.rawValue, url: url, body: bytes, date: Date())
            if body != nil { headers.set("Content-Type", "application/xml") }
            let response: HTTPResponse
            do {
                // A POST of a change batch is not idempotent for HTTPClient; a throttled one
                // (400 below) was refused whole, so resending it here is safe.
                response = try await http.send(HTTPRequest(method: method, url: url, headers: headers, body: bytes))
            } catch let error as HTTPClientError {
                throw DNSProviderError.transport(error, provider: "route53")
            }
            if response.status == 400, let error = Route53Decoding.error(response.data),
               ["Throttling", "PriorRequestNotComplete"].contains(error.code), attempt < throttleAttempts {
                try await Task.sleep(for: throttleDelay * (1 << (attempt - 1)))
                continue
            }
            return response
        }
    }

    /// What an unsuccessful answer means, with AWS's code and message (scrubbed of the keys).
    func failure(_ response: HTTPResponse, doing what: String, notFound: DNSProviderError.Kind = .permanent) -> DNSProviderError {
        let error = Route53Decoding.error(response.data)
        let code = error?.code ?? "HTTP \(response.status)"
        let message = DNSProviderError.scrub(error?.messages.joined(separator: "; ") ?? "", secrets: signer.credentials.secrets)
        let text = "route53: \(what) answered HTTP \(response.status) \(code)" + (message.isEmpty ? "" : ": \(message)")
        switch (response.status, code) {
        case (_, "Throttling"), (_, "PriorRequestNotComplete"), (429, _), (500...599, _):
            return DNSProviderError(.transient, text)
        case (_, "NoSuchHostedZone"), (404, _):
            return DNSProviderError(notFound, text)
        case (401, _), (403, _), (_, "SignatureDoesNotMatch"), (_, "InvalidClientTokenId"), (_, "AccessDenied"), (_, "ExpiredToken"):
            return DNSProviderError(.unauthorized, text + "; check the access key, the secret key and the IAM policy")
        default:
            return DNSProviderError(.permanent, text)
        }
    }
}
