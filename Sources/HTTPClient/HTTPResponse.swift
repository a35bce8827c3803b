import Foundation

/// What the server answered. Any status is a response; `HTTPClient.send` throws only when there is
/// no answer to give (or when it retried and the last answer still asked for a retry).
public struct HTTPResponse: Sendable, CustomStringConvertible {
    public var status: Int
    /// The header fields of the final response, in order; look them up case-insensitively.
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// How many attempts `send` made to get this response (1 when nothing was retried).
    public var attempts: Int

    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = [], attempts: Int = 1) {
        self.status = status
        self.headers = headers
        self.body = body
        self.attempts = attempts
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
    public var data: Data { Data(body) }
    /// The body decoded as UTF-8 (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Status, header names and body size; never a header value or the body.
    public var description: String {
        "HTTP \(status), \(body.count) bytes, headers: [\(headers.names.joined(separator: ", "))]"
    }
}
