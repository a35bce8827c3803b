import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Loopback sockets for the network failure tests.
public enum TestNetwork {
    /// A port nothing listens on right now (the kernel's pick, released again).
    public static func freePort() throws -> UInt16 {
        let fd = try boundSocket(port: 0)
        defer { close(fd) }
        return try port(of: fd)
    }

    public static func boundSocket(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw FixtureError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            close(fd)
            throw FixtureError("bind: \(String(cString: strerror(errno)))")
        }
        return fd
    }

    public static func port(of fd: Int32) throws -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw FixtureError("getsockname: \(String(cString: strerror(errno)))") }
        return UInt16(bigEndian: address.sin_port)
    }

    public static func canConnect(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// Listens but never accepts: the kernel completes the TCP handshake from its backlog, so the
/// client connects and then waits forever for an HTTP answer, like a wedged server.
public final class SilentServer {
    public let port: UInt16
    private let fd: Int32

    public init() throws {
        fd = try TestNetwork.boundSocket(port: 0)
        guard listen(fd, 16) == 0 else {
            close(fd)
            throw FixtureError("listen: \(String(cString: strerror(errno)))")
        }
        port = try TestNetwork.port(of: fd)
    }

    /// Whether some client connected since the server started: the kernel queued the connection
    /// even though nothing accepted it, so a non-blocking accept finds it.
    public func wasContacted() -> Bool {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        let client = accept(fd, nil, nil)
        guard client >= 0 else { return false }
        close(client)
        return true
    }

    public func stop() { close(fd) }
}

/// Accepts one connection, records the first line the client sends, answers with an SSH banner
/// and hangs up: enough to see libssh2 speak over the socket GitSource's stream connected.
public final class BannerServer: @unchecked Sendable {
    public let port: UInt16
    private let fd: Int32
    private let lock = NSLock()
    private var line = ""
    private let finished = DispatchSemaphore(value: 0)

    public init() throws {
        fd = try TestNetwork.boundSocket(port: 0)
        guard listen(fd, 4) == 0 else {
            close(fd)
            throw FixtureError("listen: \(String(cString: strerror(errno)))")
        }
        port = try TestNetwork.port(of: fd)
        let thread = Thread { [self] in serveOne() }
        thread.start()
    }

    /// What the client sent first, once it did (or "" after a few seconds).
    public func firstLine() -> String {
        _ = finished.wait(timeout: .now() + 10)
        lock.lock()
        defer { lock.unlock() }
        return line
    }

    private func serveOne() {
        defer { finished.signal() }
        let client = accept(fd, nil, nil)
        guard client >= 0 else { return }
        defer { close(client) }
        var received: [UInt8] = []
        var byte: UInt8 = 0
        while received.count < 255, recv(client, &byte, 1, 0) == 1 {
            if byte == UInt8(ascii: "\n") { break }
            received.append(byte)
        }
        lock.lock()
        line = String(decoding: received, as: UTF8.self)
        lock.unlock()
        let banner = Array("SSH-2.0-OpenSSH_9.2 fake\r\n".utf8)
        _ = send(client, banner, banner.count, Int32(MSG_NOSIGNAL))
    }

    public func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }
}
