import Foundation
import HTTPClient

extension DNSProviderError {
    /// A failure of the HTTP client (no answer, or a retried status still failing after the last
    /// attempt) in the provider's terms. `HTTPClientError`'s text is already free of credential
    /// headers; it names the host and what failed.
    static func transport(_ error: HTTPClientError, provider: String) -> DNSProviderError {
        let kind: Kind
        switch error.kind {
        case .nameResolution, .connectFailed, .connectTimeout, .timedOut, .transport:
            kind = .transient
        case .status(let status):
            kind = status == 429 || status >= 500 ? .transient : .permanent
        case .certificate, .tls, .proxy, .responseTooLarge, .invalidRequest:
            kind = .permanent
        }
        return DNSProviderError(kind, "\(provider): \(error.description)")
    }

    /// `text` with every credential value replaced, for messages quoted from a provider's answer
    /// (an API may echo what it was sent).
    static func scrub(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets.filter({ $0.count >= 4 }).sorted(by: { $0.count > $1.count }) {
            result = result.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return result
    }
}

/// Percent-encoding for URL path segments and query values: everything but RFC 3986's unreserved
/// characters, so that the string signed is the string sent (OVH signs the whole URL, AWS
/// re-encodes the query the same way).
enum URLComponentEncoding {
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.append(Character(Unicode.Scalar(byte)))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    static func query(_ items: [(String, String)]) -> String {
        items.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
