import Foundation

/// Fault injection around each call: latency, hangs and transient connection failures.
///
/// All of it happens outside the state lock, so that N parallel calls with latency L take about
/// L, not N·L, like calls to a real controller.
struct Faults {
    let settings: SimSettings
    let store: StateStore

    /// Commands that reach the controller. The others (`help`, `version`, `sim-fault`) are
    /// client-side or test controls and never fail.
    static let apiCommands: Set<String> = [
        "bootstrap", "controllers", "models", "add-model", "destroy-model", "status", "add-machine", "remove-machine",
        "deploy", "refresh", "add-unit", "remove-unit", "scale-application", "config", "integrate", "remove-relation",
        "remove-application", "export-bundle", "expose", "unexpose", "switch",
    ]

    func beforeCall(_ command: String) throws {
        if settings.latencyMilliseconds > 0 {
            Thread.sleep(forTimeInterval: Double(settings.latencyMilliseconds) / 1000)
        }
        if settings.hangCommands.contains(command) || settings.hangCommands.contains("*") {
            hang()
        }
    }

    /// True when this call should fail with a transient error (drawn once per call).
    func drawsFailure(_ command: String) throws -> Bool {
        guard settings.failRate > 0, Self.apiCommands.contains(command) else { return false }
        if !settings.failCommands.isEmpty, !settings.failCommands.contains(command) { return false }
        let index = try store.nextCallIndex()
        let seed = settings.seed ?? (UInt64(ProcessInfo.processInfo.processIdentifier) ^ UInt64(SimClock.now() * 1e6))
        return StableHash.uniform(seed: seed, index: index) < settings.failRate
    }

    /// What juju prints when the API connection drops; `JujuCLIError` reads it as transient.
    static let connectionError = SimError.failure(
        "unable to connect to API: dial tcp 10.0.0.2:17070: connect: connection refused (simulated by juju-sim)")

    private func hang() {
        if let seconds = settings.hangSeconds {
            Thread.sleep(forTimeInterval: seconds)
            return
        }
        // Hung like a call to an unreachable controller: only the caller's timeout ends it.
        while true { Thread.sleep(forTimeInterval: 3600) }
    }
}
