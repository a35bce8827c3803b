/// How an `HTTPClient` transfers: limits, trust, retries and redaction.
public struct HTTPClientConfiguration: Sendable {
    /// Where the client sends requests through.
    public enum Proxy: Sendable, Equatable {
        /// libcurl's reading of the environment, completed: `http_proxy` for http:// URLs (and
        /// `HTTP_PROXY` when `http_proxy` is unset, which libcurl alone ignores), `https_proxy`
        /// or `HTTPS_PROXY` for https:// URLs, `all_proxy` or `ALL_PROXY` for both when the
        /// scheme's own is unset, and `no_proxy` or `NO_PROXY` (comma-separated host names,
        /// domain suffixes, IP addresses or CIDR ranges, or `*`) for the hosts reached directly.
        /// `HTTP_PROXY` is not used inside a CGI program (when `REQUEST_METHOD` is set), where
        /// a client's `Proxy:` header would arrive as that variable ("httpoxy").
        case environment
        /// Always connect directly, whatever the environment says.
        case direct
        /// This proxy (`http://host:port`), still skipping the hosts of `no_proxy`.
        case url(String)
    }

    /// The limit for establishing the connection (TCP and TLS), per attempt.
    public var connectTimeout: Duration
    /// The limit for one whole attempt, from start to the last byte of the answer.
    public var totalTimeout: Duration
    /// A PEM file of the certificate authorities to trust instead of the system's (CURLOPT_CAINFO),
    /// for a Vault or GitLab with a private CA. Verification of the peer's certificate and host
    /// name is always on.
    public var caBundlePath: String?
    /// The largest response body accepted; a larger one aborts the transfer with an error.
    public var maxResponseBytes: Int
    public var retry: HTTPRetryPolicy
    /// Header names held as credentials besides `HTTPRedaction.standardCredentialHeaders`.
    public var extraCredentialHeaders: [String]
    public var proxy: Proxy
    public var userAgent: String

    public init(
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(60),
        caBundlePath: String? = nil,
        maxResponseBytes: Int = 32 << 20,
        retry: HTTPRetryPolicy = .default,
        extraCredentialHeaders: [String] = [],
        proxy: Proxy = .environment,
        userAgent: String = "tenantctl"
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.caBundlePath = caBundlePath
        self.maxResponseBytes = maxResponseBytes
        self.retry = retry
        self.extraCredentialHeaders = extraCredentialHeaders
        self.proxy = proxy
        self.userAgent = userAgent
    }

    public var redaction: HTTPRedaction { HTTPRedaction(extraCredentialHeaders: extraCredentialHeaders) }
}
