import Foundation

/// A small async HTTP client on libcurl, for Vault, the DNS providers' APIs and GitLab.
///
/// Each attempt runs on its pooled session's thread (libcurl blocks), never on Swift's cooperative pool;
/// cancelling the calling task aborts the transfer at once and `send` throws `CancellationError`.
/// TLS verification of the peer and its host name is always on. Responses of any status are
/// returned, except that a status the retry policy retries (429, 502/503/504, 500 when
/// idempotent) throws `HTTPClientError` with kind `.status` once no attempt is left.
///
/// Copies share their idle connections; the client is safe to use from any task.
public struct HTTPClient: Sendable {
    public let configuration: HTTPClientConfiguration
    private let pool: CurlSessionPool

    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
        self.configuration = configuration
        pool = CurlSessionPool()
    }

    /// libcurl's version and TLS library, for diagnostics.
    public static var libcurlVersion: String { CurlGlobal.version }

    /// The request as a log line: method, redacted URL, header names with credential values
    /// (standard and configured) shown as `<redacted>`.
    public func describe(_ request: HTTPRequest) -> String {
        request.description(using: configuration.redaction)
    }

    /// Sends the request, retrying as `configuration.retry` says, and returns the response.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let clock = ContinuousClock()
        let start = clock.now
        let policy = configuration.retry
        let redaction = configuration.redaction
        func error(_ kind: HTTPClientError.Kind, attempts: Int, detail: String, curlCode: Int? = nil, response: HTTPResponse? = nil) -> HTTPClientError {
            var limit: String?
            switch kind {
            case .connectTimeout: limit = HTTPClientError.format(configuration.connectTimeout)
            case .timedOut: limit = HTTPClientError.format(configuration.totalTimeout)
            case .responseTooLarge: limit = "\(configuration.maxResponseBytes) bytes"
            default: limit = nil
            }
            return HTTPClientError(
                kind: kind, method: request.method, host: request.hostAndPort, attempts: attempts,
                elapsed: clock.now - start, detail: redaction.scrub(detail, of: request),
                curlCode: curlCode, response: response, limit: limit)
        }

        if let problem = Self.problem(with: request) {
            throw error(.invalidRequest, attempts: 0, detail: problem)
        }
        guard CurlGlobal.initialize() else {
            throw error(.transport, attempts: 0, detail: "libcurl failed to initialize")
        }

        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let result = await perform(request)
            let retryAfter: Duration?
            switch result {
            case .cancelled:
                throw CancellationError()
            case .response(let status, let headers, let body):
                let response = HTTPResponse(status: status, headers: headers, body: body, attempts: attempt)
                guard policy.retries(status: status, idempotent: request.idempotent) else { return response }
                guard attempt < policy.maxAttempts else {
                    throw error(.status(status), attempts: attempt, detail: "", response: response)
                }
                retryAfter = headers["Retry-After"].flatMap { RetryAfter.parse($0) }
            case .failure(let failure):
                let retryable = Self.isTransient(failure.kind) && (failure.notSent || request.idempotent)
                guard retryable, attempt < policy.maxAttempts else {
                    throw error(failure.kind, attempts: attempt, detail: failure.message, curlCode: failure.curlCode)
                }
                retryAfter = nil
            }
            let delay = policy.delay(beforeRetry: attempt, retryAfter: retryAfter, random: Double.random(in: 0..<1))
            try await Task.sleep(for: delay)
        }
    }

    /// One attempt on its own thread; cancellation of the task reaches the transfer.
    private func perform(_ request: HTTPRequest) async -> AttemptResult {
        let transfer = CurlTransfer(request: request, configuration: configuration, pool: pool)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.start { continuation.resume(returning: $0) }
            }
        } onCancel: {
            transfer.cancel()
        }
    }

    /// Failures another attempt may not meet: the network's, not the request's nor the trust's.
    static func isTransient(_ kind: HTTPClientError.Kind) -> Bool {
        switch kind {
        case .nameResolution, .connectFailed, .connectTimeout, .timedOut, .transport: true
        default: false
        }
    }

    /// HTTP's token characters (RFC 9110), which header names are made of; built once, not per request.
    private static let tokenCharacters = CharacterSet(charactersIn: "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// Why the request cannot be sent, or nil. Names nothing secret.
    static func problem(with request: HTTPRequest) -> String? {
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return "only http:// and https:// URLs are supported"
        }
        guard let host = request.url.host, !host.isEmpty else { return "the URL has no host" }
        for field in request.headers {
            if field.name.isEmpty || field.name.unicodeScalars.contains(where: { !tokenCharacters.contains($0) }) {
                return "a header name is not a valid HTTP token"
            }
            if field.value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
                return "the value of header \(field.name) contains a line break or NUL"
            }
        }
        return nil
    }
}
