import Foundation

/// Where the OVH API v1 answers: one of OVH's named endpoints (the names python-ovh and the
/// fleet's `endpoint` use) or an explicit `http(s)://…` base URL (ovh-sim in tests).
public struct OVHEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// The base every path is appended to, without a trailing slash (`https://eu.api.ovh.com/1.0`).
    public let baseURL: String

    public static let named: [String: String] = [
        "ovh-eu": "https://eu.api.ovh.com/1.0",
        "ovh-ca": "https://ca.api.ovh.com/1.0",
        "ovh-us": "https://api.us.ovhcloud.com/1.0",
        "kimsufi-eu": "https://eu.api.kimsufi.com/1.0",
        "kimsufi-ca": "https://ca.api.kimsufi.com/1.0",
        "soyoustart-eu": "https://eu.api.soyoustart.com/1.0",
        "soyoustart-ca": "https://ca.api.soyoustart.com/1.0",
    ]

    /// `ovh-eu`, `ovh-ca`, `ovh-us`… or a URL such as `http://127.0.0.1:8080/1.0`.
    public init(_ nameOrURL: String) throws {
        if let known = Self.named[nameOrURL.lowercased()] {
            baseURL = known
            return
        }
        guard let url = URL(string: nameOrURL), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil, url.user == nil, url.query == nil
        else {
            throw DNSProviderError(.permanent, "ovh: endpoint '\(nameOrURL)' is neither one of \(Self.named.keys.sorted().joined(separator: ", ")) nor an http(s) URL")
        }
        var base = nameOrURL
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
    }

    public var description: String { baseURL }
}
