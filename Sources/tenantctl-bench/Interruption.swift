import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C or SIGTERM: kills the running child's process group and makes the main thread stop at
/// its next check, so that the work directory is removed (unless --keep) by the normal clean-up
/// once nothing writes into it any more. Should the main thread not get there within a minute,
/// the handler cleans up and exits itself.
final class Interruption: @unchecked Sendable {
    static let shared = Interruption()

    private let lock = NSLock()
    private var child: pid_t?
    private var cleanupDirectory: String?
    private var sources: [DispatchSourceSignal] = []
    private var received: Int32?

    /// The signal that interrupted the run, if any.
    var receivedSignal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    func install(cleaning directory: String?) {
        lock.lock()
        defer { lock.unlock() }
        cleanupDirectory = directory
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in interrupted(by: number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Throws once a signal was received; called between steps of the main thread.
    func check() throws {
        if let number = receivedSignal { throw BenchError("interrupted by signal \(number)") }
    }

    func childStarted(_ pid: pid_t) {
        lock.lock()
        child = pid
        let signalled = received != nil
        lock.unlock()
        if signalled { kill(-pid, SIGKILL) }
    }

    func childFinished() {
        lock.lock()
        child = nil
        lock.unlock()
    }

    private func interrupted(by number: Int32) {
        lock.lock()
        received = received ?? number
        // Children lead their own process group; not reaped before childFinished(), so it is still ours.
        if let child { kill(-child, SIGKILL) }
        let directory = cleanupDirectory
        lock.unlock()
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) {
            if let directory { try? FileManager.default.removeItem(atPath: directory) }
            FileHandle.standardError.write(Data("tenantctl-bench: interrupted\n".utf8))
            exit(128 + number)
        }
    }
}
