/// Output of the juju CLI that tenantctl could not read. The text names the document and the
/// path inside it, never the document itself (it may hold configuration values).
public struct JujuDecodingError: Error, CustomStringConvertible, Sendable {
    public var document: String
    public var message: String

    public init(document: String, message: String) {
        self.document = document
        self.message = message
    }

    init(document: String, underlying: DecodingError) {
        self.document = document
        switch underlying {
        case let .keyNotFound(key, context):
            message = "missing '\(key.stringValue)' at \(Self.path(context.codingPath))"
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            message = "expected \(type) at \(Self.path(context.codingPath))"
        case let .dataCorrupted(context):
            message = "not valid JSON at \(Self.path(context.codingPath))"
        @unknown default:
            message = "unreadable"
        }
    }

    static func path(_ codingPath: [CodingKey]) -> String {
        codingPath.isEmpty ? "the top level" : codingPath.map(\.stringValue).joined(separator: ".")
    }

    public var description: String { "cannot read \(document) output: \(message)" }
}
