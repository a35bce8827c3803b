import CGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A replacement for libgit2's plain TCP stream whose connect, read and write give up at the
/// current `Deadline`.
///
/// libgit2 1.5 (Debian 12) has no connect or server timeout option, and its progress callbacks are
/// never called while a server accepts the connection and then says nothing, so without this a
/// stalled GitLab would hang the reconciler forever. TLS streams are built on top of this one, so
/// https is covered too. Registered once, process-wide, by `LibGit2`.
///
/// Memory layout: the SSH transport of libgit2 1.5 casts the stream to its private
/// `git_socket_stream { git_stream parent; char *host; char *port; int s; }` and hands `s` to
/// libssh2, so ours starts with exactly those fields; the deadline comes after them.
enum TimeoutSocketStream {
    static let timeoutMessage = "timed out"

    private typealias CString = UnsafeMutablePointer<CChar>?

    private static let hostOffset = align(MemoryLayout<git_stream>.size, to: MemoryLayout<CString>.alignment)
    private static let portOffset = hostOffset + MemoryLayout<CString>.stride
    private static let socketOffset = align(portOffset + MemoryLayout<CString>.stride, to: MemoryLayout<Int32>.alignment)
    private static let deadlineOffset = align(socketOffset + MemoryLayout<Int32>.size, to: MemoryLayout<Deadline?>.alignment)
    private static let byteCount = deadlineOffset + MemoryLayout<Deadline?>.size
    private static let alignment = max(MemoryLayout<git_stream>.alignment, MemoryLayout<Deadline?>.alignment)

    private static func align(_ offset: Int, to alignment: Int) -> Int {
        (offset + alignment - 1) / alignment * alignment
    }

    static func register() {
        var registration = git_stream_registration()
        registration.version = 1
        registration.`init` = { out, host, port in
            guard let out, let host, let port else { return -1 }
            out.pointee = TimeoutSocketStream.make(host: host, port: port)
            return 0
        }
        // Failure only means libgit2 keeps its own stream: everything works, minus the deadlines.
        _ = git_stream_register(GIT_STREAM_STANDARD, &registration)
    }

    // MARK: - Lifecycle

    private static func make(host: UnsafePointer<CChar>, port: UnsafePointer<CChar>) -> UnsafeMutablePointer<git_stream> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: alignment)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        raw.storeBytes(of: strdup(host), toByteOffset: hostOffset, as: CString.self)
        raw.storeBytes(of: strdup(port), toByteOffset: portOffset, as: CString.self)
        raw.storeBytes(of: -1, toByteOffset: socketOffset, as: Int32.self)
        raw.storeBytes(of: Deadline.current, toByteOffset: deadlineOffset, as: Deadline?.self)

        let stream = raw.bindMemory(to: git_stream.self, capacity: 1)
        stream.pointee.version = 1
        stream.pointee.encrypted = 0
        stream.pointee.proxy_support = 0
        stream.pointee.connect = { stream in TimeoutSocketStream.streamConnect(UnsafeMutableRawPointer(stream!)) }
        stream.pointee.read = { stream, buffer, length in
            TimeoutSocketStream.streamRead(UnsafeMutableRawPointer(stream!), buffer!, length)
        }
        stream.pointee.write = { stream, data, length, _ in
            TimeoutSocketStream.streamWrite(UnsafeMutableRawPointer(stream!), data!, length)
        }
        stream.pointee.close = { stream in
            TimeoutSocketStream.streamClose(UnsafeMutableRawPointer(stream!))
            return 0
        }
        stream.pointee.free = { stream in TimeoutSocketStream.streamFree(UnsafeMutableRawPointer(stream!)) }
        return stream
    }

    private static func streamFree(_ raw: UnsafeMutableRawPointer) {
        streamClose(raw)
        free(raw.load(fromByteOffset: hostOffset, as: CString.self))
        free(raw.load(fromByteOffset: portOffset, as: CString.self))
        raw.deallocate()
    }

    private static func streamClose(_ raw: UnsafeMutableRawPointer) {
        let fd = raw.load(fromByteOffset: socketOffset, as: Int32.self)
        if fd >= 0 {
            _ = close(fd)
            raw.storeBytes(of: -1, toByteOffset: socketOffset, as: Int32.self)
        }
    }

    // MARK: - I/O

    private static func endpoint(_ raw: UnsafeMutableRawPointer) -> (host: String, port: String) {
        let host = raw.load(fromByteOffset: hostOffset, as: CString.self).map { String(cString: $0) } ?? "?"
        let port = raw.load(fromByteOffset: portOffset, as: CString.self).map { String(cString: $0) } ?? "?"
        return (host, port)
    }

    private static func deadline(_ raw: UnsafeMutableRawPointer) -> Deadline? {
        raw.load(fromByteOffset: deadlineOffset, as: Deadline?.self)
    }

    private static func streamConnect(_ raw: UnsafeMutableRawPointer) -> Int32 {
        let (host, port) = endpoint(raw)
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = socketStreamType
        var addresses: UnsafeMutablePointer<addrinfo>?
        // Name resolution cannot be bounded here; it is left to the resolver's own timeouts.
        let resolved = getaddrinfo(host, port, &hints, &addresses)
        guard resolved == 0 else {
            return fail("cannot resolve \(host): \(String(cString: gai_strerror(resolved)))")
        }
        defer { freeaddrinfo(addresses) }

        var lastError = "no address found"
        var address = addresses
        while let current = address {
            address = current.pointee.ai_next
            let fd = socket(current.pointee.ai_family, current.pointee.ai_socktype, current.pointee.ai_protocol)
            guard fd >= 0 else {
                lastError = String(cString: strerror(errno))
                continue
            }
            switch connectSocket(fd, current.pointee.ai_addr, current.pointee.ai_addrlen, deadline(raw)) {
            case .ready:
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                disableSigPipe(fd)
                raw.storeBytes(of: fd, toByteOffset: socketOffset, as: Int32.self)
                return 0
            case .timedOut:
                _ = close(fd)
                return fail("\(timeoutMessage) connecting to \(host):\(port)")
            case .failed(let code):
                _ = close(fd)
                lastError = String(cString: strerror(code))
            }
        }
        return fail("failed to connect to \(host):\(port): \(lastError)")
    }

    private static func streamRead(_ raw: UnsafeMutableRawPointer, _ buffer: UnsafeMutableRawPointer, _ length: Int) -> Int {
        let fd = raw.load(fromByteOffset: socketOffset, as: Int32.self)
        while true {
            switch wait(fd, for: Int16(POLLIN), until: deadline(raw)) {
            case .timedOut:
                let (host, port) = endpoint(raw)
                return Int(fail("\(timeoutMessage) waiting for data from \(host):\(port)"))
            case .failed(let code):
                return Int(fail("error receiving data: \(String(cString: strerror(code)))"))
            case .ready:
                let count = recv(fd, buffer, length, 0)
                if count < 0 && errno == EINTR { continue }
                if count < 0 { return Int(fail("error receiving data: \(String(cString: strerror(errno)))")) }
                return count
            }
        }
    }

    private static func streamWrite(_ raw: UnsafeMutableRawPointer, _ data: UnsafePointer<CChar>, _ length: Int) -> Int {
        let fd = raw.load(fromByteOffset: socketOffset, as: Int32.self)
        while true {
            switch wait(fd, for: Int16(POLLOUT), until: deadline(raw)) {
            case .timedOut:
                let (host, port) = endpoint(raw)
                return Int(fail("\(timeoutMessage) sending data to \(host):\(port)"))
            case .failed(let code):
                return Int(fail("error sending data: \(String(cString: strerror(code)))"))
            case .ready:
                let count = send(fd, data, length, sendFlags)
                if count < 0 && errno == EINTR { continue }
                if count < 0 { return Int(fail("error sending data: \(String(cString: strerror(errno)))")) }
                return count
            }
        }
    }

    // MARK: - Sockets

    private enum WaitResult {
        case ready, timedOut, failed(Int32)
    }

    private static func connectSocket(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t, _ deadline: Deadline?) -> WaitResult {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        if connect(fd, address, length) != 0 {
            guard errno == EINPROGRESS || errno == EINTR else { return .failed(errno) }
            let waited = wait(fd, for: Int16(POLLOUT), until: deadline)
            guard case .ready = waited else { return waited }
            var error: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 else { return .failed(errno) }
            guard error == 0 else { return .failed(error) }
        }
        // Back to blocking: libssh2 uses the descriptor directly and expects a blocking socket.
        _ = fcntl(fd, F_SETFL, flags)
        return .ready
    }

    private static func wait(_ fd: Int32, for events: Int16, until deadline: Deadline?) -> WaitResult {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let timeout = deadline?.remainingMilliseconds ?? -1
            if timeout == 0 { return .timedOut }
            let ready = poll(&entry, 1, timeout)
            if ready > 0 { return .ready }  // errors and hang-ups surface from recv/send/SO_ERROR
            if ready == 0 { return .timedOut }
            if errno != EINTR { return .failed(errno) }
        }
    }

    private static func fail(_ message: String) -> Int32 {
        _ = git_error_set_str(Int32(GIT_ERROR_NET.rawValue), message)
        return -1
    }

    #if os(Linux)
    private static let socketStreamType = Int32(SOCK_STREAM.rawValue)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    private static func disableSigPipe(_ fd: Int32) {}
    #else
    private static let socketStreamType = SOCK_STREAM
    private static let sendFlags: Int32 = 0
    private static func disableSigPipe(_ fd: Int32) {
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
    }
    #endif
}
