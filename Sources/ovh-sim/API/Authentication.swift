import Crypto
import Foundation

/// OVH's checks of a signed call, in the order OVH answers them: the application key, the
/// consumer key (and that it belongs to that application), the timestamp's window, the
/// signature, then the consumer key's access rules.
extension OVHServer {
    func authenticate(_ request: SimRequest) -> SimResponse? {
        guard let applicationKey = request.headers["X-Ovh-Application"], let application = applications[applicationKey] else {
            return .invalidKey
        }
        guard let consumerKey = request.headers["X-Ovh-Consumer"] else { return .notCredential }
        guard let consumer = consumers[consumerKey], consumer.applicationKey == application.key else {
            return .invalidCredential
        }
        guard let timestamp = request.headers["X-Ovh-Timestamp"].flatMap({ Int($0) }), abs(timestamp - now) <= timeWindowSeconds else {
            return .queryTimeOut
        }
        let expected = Self.signature(secret: application.secret, consumerKey: consumerKey, method: request.method,
                                      url: request.signedURL, body: String(decoding: request.body, as: UTF8.self), timestamp: timestamp)
        guard let given = request.headers["X-Ovh-Signature"], Self.constantTimeEqual(given, expected) else {
            return .invalidSignature
        }
        guard consumer.rules.contains(where: { $0.allows(method: request.method, path: request.path) }) else {
            return .notGranted
        }
        return nil
    }

    static func signature(secret: String, consumerKey: String, method: String, url: String, body: String, timestamp: Int) -> String {
        let payload = [secret, consumerKey, method, url, body, String(timestamp)].joined(separator: "+")
        return "$1$" + Insecure.SHA1.hash(data: Array(payload.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
