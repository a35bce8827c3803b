import Foundation
import Logging
import ServeCore
import ServiceLifecycle

/// The daemon's one worker: takes looks from the trigger one at a time (so runs never overlap in
/// this process), and the timers that ask for them. On graceful shutdown the trigger closes (no
/// new look), the running look is cancelled (no new change starts, running ones finish, the rest
/// is journaled as not run), and after --shutdown-timeout the process exits regardless.
struct LookLoop: Service {
    let daemon: ServeDaemon

    func run() async throws {
        let daemon = self.daemon
        let current = CurrentLook()
        let timers = Task { await Self.tick(daemon) }
        defer { timers.cancel() }
        await daemon.trigger.request(.startup)
        await withGracefulShutdownHandler {
            while let reasons = await daemon.trigger.next() {
                daemon.metrics.lookStarted()
                let look = Task { await ReconcileLook(daemon: daemon).run(reasons) }
                current.set(look)
                await look.value
                current.set(nil)
            }
        } onGracefulShutdown: {
            let timeout = daemon.settings.shutdownTimeout
            daemon.logger.info("stopping: no new look starts; running changes finish", metadata: ["timeout-seconds": "\(timeout)"])
            Task { await daemon.trigger.close() }
            current.cancel()
            // A change that does not end (a juju call stuck past its own timeout) must not keep
            // the service manager waiting: the next start journals the run as interrupted.
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeout)) {
                daemon.logger.warning("running changes did not finish in time; exiting (the next start marks the run interrupted)")
                exit(0)
            }
        }
    }

    /// The poll and drift timers, read again after each tick (SIGHUP may change them).
    private static func tick(_ daemon: ServeDaemon) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: .seconds(daemon.settings.interval)) } catch { return }
                    await daemon.trigger.request(.poll)
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: .seconds(daemon.settings.driftInterval)) } catch { return }
                    await daemon.trigger.request(.drift)
                }
            }
        }
    }
}

/// The look running now, for the shutdown to cancel.
final class CurrentLook: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private var cancelled = false

    func set(_ task: Task<Void, Never>?) {
        let cancelNow = lock.withLock { () -> Bool in
            self.task = task
            return cancelled
        }
        if cancelNow { task?.cancel() }
    }

    func cancel() {
        let task = lock.withLock { () -> Task<Void, Never>? in
            cancelled = true
            return self.task
        }
        task?.cancel()
    }
}
