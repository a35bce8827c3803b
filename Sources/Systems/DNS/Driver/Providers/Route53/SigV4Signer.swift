import Crypto
import Foundation
import HTTPClient

/// AWS Signature Version 4 for a request sent with headers (not a presigned URL), as AWS's
/// "Create a signed AWS API request" documents it:
///
/// 1. canonical request: METHOD, canonical path, canonical query (names and values encoded with
///    RFC 3986's unreserved set, sorted), the signed headers (`host`, `x-amz-date`, and
///    `x-amz-security-token` when there is one) as `name:value` lines, their names joined by
///    `;`, and the hex SHA-256 of the body;
/// 2. string to sign: `AWS4-HMAC-SHA256`, the time, the scope `date/region/service/aws4_request`,
///    the hex SHA-256 of the canonical request;
/// 3. key: HMAC-SHA256 chain of `"AWS4" + secret`, date, region, service, `aws4_request`;
/// 4. `Authorization: AWS4-HMAC-SHA256 Credential=AKID/scope, SignedHeaders=…, Signature=…`.
struct SigV4Signer: Sendable {
    let credentials: AWSCredentials
    let region: String
    let service: String

    /// The headers to add to the request: X-Amz-Date, X-Amz-Security-Token, Authorization.
    func sign(method: String, url: URL, body: [UInt8], date: Date) -> HTTPHeaders {
        let time = Self.amzDate(date)
        var signed: [(String, String)] = [("host", Self.hostHeader(url)), ("x-amz-date", time)]
        if let token = credentials.sessionToken { signed.append(("x-amz-security-token", token)) }
        let parts = signature(method: method, path: url.path(percentEncoded: true), query: url.query(percentEncoded: true) ?? "",
                              headers: signed, payload: body, time: time)
        var headers: HTTPHeaders = ["X-Amz-Date": time]
        if let token = credentials.sessionToken { headers.add("X-Amz-Security-Token", token) }
        headers.add("Authorization",
                    "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(parts.scope), SignedHeaders=\(parts.signedHeaders), Signature=\(parts.signature)")
        return headers
    }

    struct Parts: Equatable {
        var canonicalRequest: String
        var stringToSign: String
        var scope: String
        var signedHeaders: String
        var signature: String
    }

    /// Every intermediate of the signature, for the tests against AWS's published examples.
    func signature(method: String, path: String, query: String, headers: [(String, String)], payload: [UInt8], time: String) -> Parts {
        let sortedHeaders = headers.map { ($0.0.lowercased(), $0.1.trimmingCharacters(in: .whitespaces)) }.sorted { $0.0 < $1.0 }
        let signedHeaders = sortedHeaders.map(\.0).joined(separator: ";")
        let canonicalRequest = [
            method.uppercased(),
            path.isEmpty ? "/" : path,
            Self.canonicalQuery(query),
            sortedHeaders.map { "\($0.0):\($0.1)\n" }.joined(),
            signedHeaders,
            Self.hex(SHA256.hash(data: payload)),
        ].joined(separator: "\n")
        let date = String(time.prefix(8))
        let scope = "\(date)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", time, scope, Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8)))].joined(separator: "\n")
        var key = SymmetricKey(data: Array(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        return Parts(canonicalRequest: canonicalRequest, stringToSign: stringToSign, scope: scope, signedHeaders: signedHeaders, signature: signature)
    }

    /// Names and values decoded, re-encoded with the unreserved set, sorted by name then value.
    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        var pairs: [(name: String, value: String)] = []
        for item in query.split(separator: "&") {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = String(pair[0])
            let rawValue = pair.count > 1 ? String(pair[1]) : ""
            let name = URLComponentEncoding.encode(rawName.removingPercentEncoding ?? rawName)
            let value = URLComponentEncoding.encode(rawValue.removingPercentEncoding ?? rawValue)
            pairs.append((name, value))
        }
        pairs.sort { $0.name == $1.name ? $0.value < $1.value : $0.name < $1.name }
        return pairs.map { $0.name + "=" + $0.value }.joined(separator: "&")
    }

    /// The Host header libcurl sends: the host, with the port when it is not the scheme's default.
    static func hostHeader(_ url: URL) -> String {
        let host = url.host ?? ""
        guard let port = url.port else { return host }
        let scheme = url.scheme?.lowercased()
        if (scheme == "https" && port == 443) || (scheme == "http" && port == 80) { return host }
        return "\(host):\(port)"
    }

    static func amzDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}
