import Foundation

enum JSONOutput {
    /// Pretty, sorted, RFC 3339 dates. `snakeCase` converts property names; it is only for
    /// values without user-named keys (JSONEncoder would convert dictionary keys too, and a
    /// configuration option or tenant name must come out as written).
    static func encode(_ value: some Encodable, snakeCase: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
