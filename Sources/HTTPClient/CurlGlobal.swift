import CCurl

/// `curl_global_init`, once per process, before the first handle: it is not thread-safe, and a
/// static let is initialized exactly once, under a lock, on first use.
enum CurlGlobal {
    private static let initialized: Bool = curl_global_init(tc_curl_global_all()) == CURLE_OK

    /// Initializes libcurl if it was not yet; false if libcurl could not initialize.
    static func initialize() -> Bool { initialized }

    /// libcurl's version string ("libcurl/7.88.1 OpenSSL/3.0.x …").
    static var version: String { String(cString: curl_version()) }
}
