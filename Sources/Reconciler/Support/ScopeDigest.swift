import Crypto
import Foundation

/// The SHA-256 of an observed scope as sorted-key JSON, in lower-case hexadecimal: how every
/// system fingerprints what it observed, so that a saved plan can be checked against the world.
public enum ScopeDigest {
    public static func sortedEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Encoding plain value types does not fail; if it ever did, the digest is one that matches
    /// nothing, so the plan is stale rather than wrongly current.
    public static func of<Value: Encodable>(_ value: Value, with encoder: JSONEncoder = sortedEncoder()) -> String {
        do {
            return hex(SHA256.hash(data: try encoder.encode(value)))
        } catch {
            return "unencodable-\(UUID().uuidString)"
        }
    }

    public static func of(text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    public static func of<Bytes: DataProtocol>(data: Bytes) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lower-case hexadecimal, as `String(format: "%02x")` per byte wrote it, without a format
    /// string parsed per byte.
    public static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(SHA256.Digest.byteCount * 2)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
