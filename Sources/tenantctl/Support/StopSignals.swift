import Dispatch
import Foundation

/// SIGINT and SIGTERM during an apply: the first asks the run to stop (no new action starts, the
/// running ones finish, the rest is journaled as not run); a second one quits at once, and the
/// next run marks this one interrupted.
final class StopSignals: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received = 0

    static func install(onFirst: @escaping @Sendable (Int32) -> Void) -> StopSignals {
        let handler = StopSignals()
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                let count = handler.lock.withLock { handler.received += 1; return handler.received }
                if count == 1 { onFirst(signalNumber) } else { exit(130) }
            }
            source.resume()
            handler.sources.append(source)
        }
        return handler
    }

    func remove() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
