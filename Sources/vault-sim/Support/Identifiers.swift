import Foundation

/// Random identifiers shaped like Vault's: request ids are UUIDs, service tokens start with
/// `hvs.`, accessors are 24 base62 characters.
enum Identifiers {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    static func uuid() -> String { UUID().uuidString.lowercased() }

    static func base62(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    static func serviceToken() -> String { "hvs." + base62(24) }
    static func accessor() -> String { base62(24) }
}
