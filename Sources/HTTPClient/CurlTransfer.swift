import CCurl
import Foundation

/// What one attempt ended with.
enum AttemptResult: Sendable {
    case response(status: Int, headers: HTTPHeaders, body: [UInt8])
    case failure(AttemptFailure)
    case cancelled
}

/// A failed attempt, as libcurl reported it.
struct AttemptFailure: Sendable {
    var kind: HTTPClientError.Kind
    var curlCode: Int?
    /// libcurl's message, not yet scrubbed of the request's secrets.
    var message: String
    /// No byte of the request was sent: the server certainly did not act on it.
    var notSent: Bool
}

/// One attempt of one request, run on its session's thread so that libcurl's blocking waits never
/// hold a thread of Swift's cooperative pool. The thread drives a multi handle with
/// `curl_multi_poll`; `cancel()` wakes that poll with `curl_multi_wakeup`, and the loop then
/// removes the handle, which aborts the transfer at once (the progress callback also refuses to
/// go on, as a second guard).
///
/// Everything but `cancelled`/`session`/`finished` is touched only by the transfer thread and
/// libcurl's callbacks, which libcurl runs on that thread.
final class CurlTransfer: @unchecked Sendable {
    private let request: HTTPRequest
    private let configuration: HTTPClientConfiguration
    private let pool: CurlSessionPool

    private let lock = NSLock()
    private var cancelled = false
    private var finished = false
    private var activeSession: CurlSession?

    // Written by libcurl's callbacks during the transfer.
    fileprivate var body: [UInt8] = []
    fileprivate var headers = HTTPHeaders()
    fileprivate var tooLarge = false
    fileprivate let maxBytes: Int

    init(request: HTTPRequest, configuration: HTTPClientConfiguration, pool: CurlSessionPool) {
        self.request = request
        self.configuration = configuration
        self.pool = pool
        maxBytes = max(0, configuration.maxResponseBytes)
    }

    /// Starts the transfer on a pooled session's thread; `completion` is called once, on that thread.
    func start(_ completion: @escaping @Sendable (AttemptResult) -> Void) {
        guard let session = pool.take() else {
            completion(.failure(AttemptFailure(kind: .transport, curlCode: nil, message: "libcurl could not create a handle", notSent: true)))
            return
        }
        session.run { [self] in completion(run(on: session)) }
    }

    /// Asks the transfer to stop; it ends with `.cancelled` as soon as its thread notices.
    func cancel() {
        lock.lock()
        defer { lock.unlock() }
        cancelled = true
        if !finished, let session = activeSession {
            curl_multi_wakeup(session.multi)
        }
    }

    fileprivate var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    private func run(on session: CurlSession) -> AttemptResult {
        lock.lock()
        if cancelled {
            finished = true
            lock.unlock()
            pool.put(session)
            return .cancelled
        }
        activeSession = session
        lock.unlock()

        let result = perform(on: session)

        lock.lock()
        finished = true
        activeSession = nil
        lock.unlock()
        // A session whose transfer was cut short is dropped rather than reused.
        if case .response = result { pool.put(session) } else { pool.discard(session) }
        return result
    }

    private func perform(on session: CurlSession) -> AttemptResult {
        let easy = session.easy
        curl_easy_reset(easy)
        session.errorBuffer[0] = 0
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        let context = Unmanaged.passUnretained(self).toOpaque()
        var setupFailure: CURLcode = CURLE_OK
        func set(_ code: CURLcode) {
            if setupFailure == CURLE_OK, code != CURLE_OK { setupFailure = code }
        }

        set(tc_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, session.errorBuffer))
        set(tc_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        set(request.url.absoluteString.withCString { tc_curl_setopt_pointer(easy, CURLOPT_URL, $0) })
        set(tc_curl_setopt_pointer(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        set(tc_curl_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0))
        set(tc_curl_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1))
        set(tc_curl_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2))
        if let ca = configuration.caBundlePath {
            set(ca.withCString { tc_curl_setopt_pointer(easy, CURLOPT_CAINFO, $0) })
        }
        set(tc_curl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout)))
        set(tc_curl_setopt_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(configuration.totalTimeout)))
        set(configuration.userAgent.withCString { tc_curl_setopt_pointer(easy, CURLOPT_USERAGENT, $0) })
        set(tc_curl_setopt_long(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1))
        if let proxy = proxyOption() {
            set(proxy.withCString { tc_curl_setopt_pointer(easy, CURLOPT_PROXY, $0) })
        }

        // The method and the body. libcurl copies the body (COPYPOSTFIELDS, after its size).
        let method = request.method.rawValue
        if method == "GET" && request.body.isEmpty {
            set(tc_curl_setopt_long(easy, CURLOPT_HTTPGET, 1))
        } else if method == "HEAD" {
            set(tc_curl_setopt_long(easy, CURLOPT_NOBODY, 1))
        } else if request.body.isEmpty && !["POST", "PUT", "PATCH"].contains(method) {
            set(method.withCString { tc_curl_setopt_pointer(easy, CURLOPT_CUSTOMREQUEST, $0) })
        } else {
            set(tc_curl_setopt_long(easy, CURLOPT_POST, 1))
            set(tc_curl_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
            if request.body.isEmpty {
                set(tc_curl_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, ""))
            } else {
                set(request.body.withUnsafeBytes { tc_curl_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) })
            }
            if method != "POST" {
                set(method.withCString { tc_curl_setopt_pointer(easy, CURLOPT_CUSTOMREQUEST, $0) })
            }
        }

        // Headers, in order. libcurl would add a form Content-Type to a body and `Expect:
        // 100-continue` to a large one: an empty "Name:" line removes such a header.
        for field in request.headers {
            let line = field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)"
            headerList = curl_slist_append(headerList, line)
        }
        if !request.body.isEmpty || method == "POST" {
            if !request.headers.contains("Content-Type") { headerList = curl_slist_append(headerList, "Content-Type:") }
        }
        if !request.headers.contains("Expect") { headerList = curl_slist_append(headerList, "Expect:") }
        set(tc_curl_setopt_pointer(easy, CURLOPT_HTTPHEADER, headerList))

        // The response: headers and body into this object, the body within the limit. A
        // Content-Length over the limit fails at once (CURLOPT_MAXFILESIZE_LARGE); a body
        // without one is cut when it grows past the limit, by the write callback.
        set(tc_curl_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxBytes)))
        set(tc_curl_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            if transfer.body.count + length > transfer.maxBytes {
                transfer.tooLarge = true
                return tc_curl_writefunc_abort()
            }
            if let data, length > 0 {
                transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            }
            return length
        })
        set(tc_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        set(tc_curl_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            guard let data, length > 0 else { return length }
            transfer.receivedHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
            return length
        })
        set(tc_curl_setopt_pointer(easy, CURLOPT_HEADERDATA, context))
        set(tc_curl_setopt_long(easy, CURLOPT_NOPROGRESS, 0))
        set(tc_curl_setopt_xferinfo_callback(easy) { context, _, _, _, _ in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.isCancelled ? 1 : 0
        })
        set(tc_curl_setopt_pointer(easy, CURLOPT_XFERINFODATA, context))

        if setupFailure != CURLE_OK {
            return .failure(failure(code: setupFailure, session: session, easy: easy))
        }

        // Drive the transfer. curl_multi_poll returns at the latest after a second, or at once
        // on curl_multi_wakeup from cancel().
        let multi = session.multi
        var code = curl_multi_add_handle(multi, easy)
        guard code == CURLM_OK else {
            return .failure(AttemptFailure(kind: .transport, curlCode: nil, message: String(cString: curl_multi_strerror(code)), notSent: true))
        }
        defer { curl_multi_remove_handle(multi, easy) }
        var running: Int32 = 0
        code = curl_multi_perform(multi, &running)
        while code == CURLM_OK, running > 0, !isCancelled {
            code = curl_multi_poll(multi, nil, 0, 1000, nil)
            if code == CURLM_OK, !isCancelled {
                code = curl_multi_perform(multi, &running)
            }
        }
        if isCancelled { return .cancelled }
        guard code == CURLM_OK else {
            return .failure(AttemptFailure(kind: .transport, curlCode: nil, message: String(cString: curl_multi_strerror(code)), notSent: false))
        }
        var result = CURLE_OK
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            if message.pointee.msg == CURLMSG_DONE { result = message.pointee.data.result }
        }
        guard result == CURLE_OK else {
            if result == CURLE_ABORTED_BY_CALLBACK && isCancelled { return .cancelled }
            return .failure(failure(code: result, session: session, easy: easy))
        }
        var status = 0
        _ = tc_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return .response(status: status, headers: headers, body: body)
    }

    /// One header line from libcurl. A status line starts a new response (after a 1xx answer),
    /// so only the final response's fields are kept. Read as bytes: header lines are ASCII, and
    /// Foundation's trimming took a twentieth of tenantctl's CPU at sixteen Vault reads in flight.
    fileprivate func receivedHeaderLine(_ raw: UnsafeRawBufferPointer) {
        let line = Self.trimmed(raw[...]) { $0 == 0x0A || $0 == 0x0D }
        if line.starts(with: "HTTP/".utf8) {
            headers = HTTPHeaders()
            return
        }
        guard let first = line.first else { return }
        if first == 0x20 || first == 0x09 {
            // An obsolete folded continuation of the previous field.
            if let last = headers.fields.last {
                headers.set(last.name, last.value + " " + String(decoding: Self.trimmed(line, Self.isSpace), as: UTF8.self))
            }
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = String(decoding: line[..<colon], as: UTF8.self)
        let value = String(decoding: Self.trimmed(line[(colon + 1)...], Self.isSpace), as: UTF8.self)
        headers.add(name, value)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>, _ drop: (UInt8) -> Bool) -> Slice<UnsafeRawBufferPointer> {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, drop(bytes[start]) { start += 1 }
        while end > start, drop(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    private func failure(code: CURLcode, session: CurlSession, easy: UnsafeMutableRawPointer) -> AttemptFailure {
        var requestSize = 0
        _ = tc_curl_getinfo_long(easy, CURLINFO_REQUEST_SIZE, &requestSize)
        let buffer = String(cString: session.errorBuffer)
        var message = buffer.isEmpty ? String(cString: curl_easy_strerror(code)) : buffer
        let kind: HTTPClientError.Kind
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST: kind = .nameResolution
        case CURLE_COULDNT_RESOLVE_PROXY: kind = .proxy
        case CURLE_COULDNT_CONNECT: kind = .connectFailed
        case CURLE_OPERATION_TIMEDOUT: kind = requestSize == 0 ? .connectTimeout : .timedOut
        case CURLE_PEER_FAILED_VERIFICATION: kind = .certificate
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE, CURLE_USE_SSL_FAILED:
            kind = .tls
        case CURLE_FILESIZE_EXCEEDED: kind = .responseTooLarge
        case CURLE_WRITE_ERROR where tooLarge: kind = .responseTooLarge
        case CURLE_PROXY: kind = .proxy
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT, CURLE_NOT_BUILT_IN:
            kind = .invalidRequest
        default: kind = .transport
        }
        if kind == .responseTooLarge {
            message = code == CURLE_FILESIZE_EXCEEDED
                ? "the server announced a larger body (Content-Length), refused before reading it"
                : "the body grew past the limit while it was received"
        }
        let notSent = requestSize == 0 && [CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY,
                                           CURLE_COULDNT_CONNECT, CURLE_OPERATION_TIMEDOUT].contains(code)
        return AttemptFailure(kind: kind, curlCode: Int(code.rawValue), message: message, notSent: notSent)
    }

    /// CURLOPT_PROXY for the configuration, or nil to leave libcurl to its environment reading.
    private func proxyOption() -> String? {
        switch configuration.proxy {
        case .direct:
            return ""  // an empty proxy disables every proxy, the environment's included
        case .url(let proxy):
            return proxy
        case .environment:
            // libcurl reads http_proxy only in lower case for http:// URLs (HTTP_PROXY could come
            // from a CGI client's `Proxy:` header); this client also takes HTTP_PROXY, outside CGI.
            guard request.url.scheme?.lowercased() == "http",
                  getenv("http_proxy") == nil,
                  getenv("REQUEST_METHOD") == nil,
                  let upper = getenv("HTTP_PROXY"), upper.pointee != 0
            else { return nil }
            return String(cString: upper)
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let value = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return max(1, Int(clamping: value))
    }
}
