import Foundation

/// A request as the simulator sees it, independent of the HTTP server: method (with `LIST`
/// restored, see ListMethodRewriter), path after `/v1/` or `/sim/`, query and the headers Vault reads.
struct SimRequest: Sendable {
    var method: String
    var path: String
    var query: [String: String]
    var token: String?
    var namespace: String
    var body: Data

    /// The JSON body as an object; Vault treats an empty body as no parameters.
    func json() throws -> JSONValue {
        if body.isEmpty || body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D }) { return .object([:]) }
        return try JSONValue.parse(body)
    }
}

/// An answer: status and JSON body (nil for Vault's empty 204 answers).
struct SimResponse: Sendable {
    var status: Int
    var body: JSONValue?

    static let noContent = SimResponse(status: 204, body: nil)

    /// Vault's error shape: `{"errors": [...]}`.
    static func errors(_ status: Int, _ messages: [String]) -> SimResponse {
        SimResponse(status: status, body: ["errors": .array(messages.map { .string($0) })])
    }

    /// Vault joins several errors of one request with hashicorp/go-multierror's format.
    static func multiError(_ status: Int, _ messages: [String]) -> SimResponse {
        let title = messages.count == 1 ? "1 error occurred:" : "\(messages.count) errors occurred:"
        let text = title + "\n" + messages.map { "\t* \($0)" }.joined(separator: "\n") + "\n\n"
        return errors(status, [text])
    }

    /// A missing path with a permitted token: 404 with an empty error list.
    static let notFound = errors(404, [])
    /// A valid token whose policies do not grant the operation.
    static let permissionDenied = multiError(403, ["permission denied"])
    /// A token that does not exist, was revoked, or outlived its TTL.
    static let invalidToken = multiError(403, ["permission denied", "invalid token"])
    static let sealed = errors(503, ["Vault is sealed"])

    static func badRequest(_ message: String) -> SimResponse { errors(400, [message]) }
}
