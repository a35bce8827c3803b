import Crypto

/// OVH API v1 request signing: `"$1$" + hex(SHA1(AS + "+" + CK + "+" + METHOD + "+" + URL + "+"
/// + BODY + "+" + TIMESTAMP))`, where URL is the full URL exactly as sent (query included) and
/// TIMESTAMP the server's clock in Unix seconds (local clock plus the offset from `/auth/time`).
enum OVHSignature {
    static func sign(applicationSecret: String, consumerKey: String, method: String, url: String, body: String, timestamp: Int) -> String {
        let payload = [applicationSecret, consumerKey, method.uppercased(), url, body, String(timestamp)].joined(separator: "+")
        let digest = Insecure.SHA1.hash(data: Array(payload.utf8))
        return "$1$" + digest.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}
