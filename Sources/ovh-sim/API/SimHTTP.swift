import Foundation

/// A request as the simulator sees it: method, path after `/1.0` (`/domain/zone/…`) or `/sim`,
/// decoded query, the URL as signed (scheme, Host header, raw path and query), the OVH headers.
struct SimRequest: Sendable {
    var method: String
    var path: String
    var query: [String: String]
    var signedURL: String
    var headers: [String: String]
    var body: Data

    /// The body as a JSON object; nil when it is not one.
    func jsonObject() -> [String: Any]? {
        if body.isEmpty { return [:] }
        return (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }
}

/// An answer: status and the exact JSON bytes.
struct SimResponse: Sendable {
    var status: Int
    var body: Data
    var retryAfter: Int? = nil

    static func json(_ value: some Encodable, status: Int = 200) -> SimResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return SimResponse(status: status, body: (try? encoder.encode(value)) ?? Data("null".utf8))
    }

    /// OVH answers `null` to PUT, DELETE and refresh.
    static let null = SimResponse(status: 200, body: Data("null".utf8))

    static func error(_ status: Int, _ fields: [String: String]) -> SimResponse { json(fields, status: status) }

    /// The authentication refusals, in the shape OVH sends them
    /// (`{"errorCode":"INVALID_SIGNATURE","httpCode":"400 Bad Request","message":"Invalid signature"}`).
    static func authentication(_ status: Int, _ code: String, _ message: String) -> SimResponse {
        let reason = status == 400 ? "400 Bad Request" : "403 Forbidden"
        return error(status, ["errorCode": code, "httpCode": reason, "message": message])
    }

    static let invalidKey = authentication(403, "INVALID_KEY", "Invalid application key")
    static let notCredential = authentication(403, "NOT_CREDENTIAL", "You must login first")
    static let invalidCredential = authentication(403, "INVALID_CREDENTIAL", "This credential does not exist")
    static let notGranted = authentication(403, "NOT_GRANTED_CALL", "This call has not been granted")
    static let invalidSignature = authentication(400, "INVALID_SIGNATURE", "Invalid signature")
    static let queryTimeOut = authentication(400, "QUERY_TIME_OUT", "Query out of time")

    /// The other errors carry a class and a message.
    static func client(_ status: Int, _ className: String, _ message: String) -> SimResponse {
        error(status, ["class": className, "message": message])
    }

    static let serviceNotFound = client(404, "Client::NotFound", "This service does not exist")
    static func objectNotFound(_ id: String) -> SimResponse {
        client(404, "Client::NotFound", "The requested object (id = \(id)) does not exist")
    }
    static func badRequest(_ message: String) -> SimResponse { client(400, "Client::BadRequest", message) }
    static let invalidURL = client(404, "Client::NotFound", "Got an invalid (or empty) URL")
    static let methodNotAllowed = client(405, "Client::MethodNotAllowed", "Method not allowed")
}
