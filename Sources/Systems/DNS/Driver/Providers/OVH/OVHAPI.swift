import DNSPlanning
import Foundation
import HTTPClient

/// Signed calls to the OVH API v1 through the libcurl client. Each request carries
/// X-Ovh-Application, X-Ovh-Consumer, X-Ovh-Timestamp and X-Ovh-Signature (HTTPClient holds the
/// three key-bearing ones as credentials: they never appear in its errors or descriptions).
struct OVHAPI: Sendable {
    let endpoint: OVHEndpoint
    let credentials: OVHCredentials
    let http: HTTPClient
    let clock: OVHClockOffset

    /// `path` starts with `/` and is already percent-encoded; `query` is encoded here.
    func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: (any Encodable & Sendable)? = nil) async throws -> HTTPResponse {
        var url = endpoint.baseURL + path
        if !query.isEmpty { url += "?" + URLComponentEncoding.query(query) }
        guard let requestURL = URL(string: url) else {
            throw DNSProviderError(.permanent, "ovh: cannot make a URL of \(HTTPRedaction.redact(url: url))")
        }
        var bodyText = ""
        if let body {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            bodyText = String(decoding: try encoder.encode(body), as: UTF8.self)
        }
        let offset = try await clock.seconds { try await serverTime() - Int(Date().timeIntervalSince1970) }
        let timestamp = Int(Date().timeIntervalSince1970) + offset
        var headers: HTTPHeaders = [
            "Accept": "application/json",
            "X-Ovh-Application": credentials.applicationKey,
            "X-Ovh-Consumer": credentials.consumerKey,
            "X-Ovh-Timestamp": String(timestamp),
            "X-Ovh-Signature": OVHSignature.sign(
                applicationSecret: credentials.applicationSecret, consumerKey: credentials.consumerKey,
                method: method.rawValue, url: url, body: bodyText, timestamp: timestamp),
        ]
        if body != nil { headers.set("Content-Type", "application/json") }
        let response: HTTPResponse
        do {
            response = try await http.send(HTTPRequest(method: method, url: requestURL, headers: headers, body: Array(bodyText.utf8)))
        } catch let error as HTTPClientError {
            throw DNSProviderError.transport(error, provider: "ovh")
        }
        // OVH refuses a timestamp outside its window: our clock moved, or OVH's offset did.
        if response.status == 400, (try? JSONDecoder().decode(OVHErrorBody.self, from: response.data))?.errorCode == "QUERY_TIME_OUT" {
            await clock.reset()
        }
        return response
    }

    /// OVH's clock, `GET /auth/time` (unsigned): a bare integer of Unix seconds.
    func serverTime() async throws -> Int {
        guard let url = URL(string: endpoint.baseURL + "/auth/time") else {
            throw DNSProviderError(.permanent, "ovh: cannot make the /auth/time URL")
        }
        let response: HTTPResponse
        do {
            response = try await http.send(HTTPRequest(method: .get, url: url, headers: ["Accept": "application/json"]))
        } catch let error as HTTPClientError {
            throw DNSProviderError.transport(error, provider: "ovh")
        }
        guard response.isSuccess, let time = Int(response.text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw failure(response, doing: "GET /auth/time")
        }
        return time
    }

    /// Decodes a successful answer, or throws what the status means.
    func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, doing what: String, notFound: DNSProviderError.Kind = .permanent) throws -> T {
        guard response.isSuccess else { throw failure(response, doing: what, notFound: notFound) }
        do {
            return try JSONDecoder().decode(type, from: response.data)
        } catch {
            // Not quoted: the answer is OVH's, and a decoding error names no secret, but a body may.
            throw DNSProviderError(.permanent, "ovh: \(what) answered HTTP \(response.status) with a body that is not the expected JSON")
        }
    }

    /// What an unsuccessful answer means, in the driver's terms, with OVH's message (scrubbed of
    /// the keys, should OVH ever echo one) and never a header.
    func failure(_ response: HTTPResponse, doing what: String, notFound: DNSProviderError.Kind = .permanent) -> DNSProviderError {
        let body = try? JSONDecoder().decode(OVHErrorBody.self, from: response.data)
        var detail = body?.message ?? "no message"
        if let code = body?.errorCode { detail += " (\(code))" }
        detail = DNSProviderError.scrub(detail, secrets: credentials.secrets)
        let text = "ovh: \(what) answered HTTP \(response.status): \(detail)"
        switch response.status {
        case 404: return DNSProviderError(notFound, text)
        case 401, 403: return DNSProviderError(.unauthorized, text + "; check the application key, secret and consumer key and the consumer key's access rules")
        case 400 where body?.errorCode == "INVALID_SIGNATURE":
            return DNSProviderError(.unauthorized, text + "; the application secret or the consumer key is wrong")
        case 400 where body?.errorCode == "QUERY_TIME_OUT":
            return DNSProviderError(.transient, text + "; the clock offset will be read again")
        case 429, 500...599: return DNSProviderError(.transient, text)
        default: return DNSProviderError(.permanent, text)
        }
    }
}
