import Foundation

/// juju-sim's knobs, all read from the environment so that the program under test (tenantctl)
/// passes them to every juju-sim call it makes without knowing about them.
struct SimSettings {
    /// Where the state lives (`state.json`, its lock, the call counter).
    var home: String
    /// Simulated time: how long, in wall-clock seconds, a new unit takes from `allocating` to
    /// `idle`/`active`. Machines start after 40 % of it, hooks after a change run for half of it.
    var settleSeconds: Double
    var latencyMilliseconds: Int
    var failRate: Double
    /// Seed of the transient-failure draws; with it, the n-th call of a run always draws the same.
    var seed: UInt64?
    /// Commands the failure rate applies to (all API commands when empty).
    var failCommands: Set<String>
    /// `after`: the command takes effect, then reports a connection error (a lost reply).
    var failAfter: Bool
    var hangCommands: Set<String>
    /// Bounds a hang, for tests that want a slow call rather than a stuck one.
    var hangSeconds: Double?
    var unitFaults: [String: UnitFault]
    /// `charm@channel=revision` or `charm=revision`: what a channel "publishes".
    var channelRevisions: [String: Int]
    /// Charms deployed as subordinates, on top of a built-in list of well-known ones.
    var subordinateCharms: Set<String>
    var agentVersion: String
    /// Simulates the snap-installed juju (strict confinement): files outside `$HOME`'s
    /// non-hidden folders do not exist for it. On unless `JUJU_SIM_SNAP=0`.
    var snapConfined: Bool
    /// The home the snap's `home` interface exposes (`$HOME`).
    var userHome: String
    /// How long destroy-model takes (simulated), in wall-clock seconds.
    var destroySeconds: Double
    /// `JUJU_SIM_CALL_LOG`: a file that gets one line per call, the call's form (no values).
    var callLog: String?
    /// `JUJU_SIM_ARGV_LOG`: a file that gets each call's whole argv, for the tests that prove no
    /// secret is ever on a command line.
    var argvLog: String?

    /// The Juju version whose output juju-sim reproduces.
    static let defaultAgentVersion = "3.6.4"

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        func list(_ key: String) -> Set<String> {
            Set((environment[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        let dataHome = environment["XDG_DATA_HOME"] ?? (NSHomeDirectory() + "/.local/share")
        home = environment["JUJU_SIM_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? dataHome + "/juju-sim"
        settleSeconds = max(0, environment["JUJU_SIM_SETTLE_SECONDS"].flatMap(Double.init) ?? 1.5)
        latencyMilliseconds = max(0, environment["JUJU_SIM_LATENCY_MS"].flatMap(Int.init) ?? 0)
        failRate = min(1, max(0, environment["JUJU_SIM_FAIL_RATE"].flatMap(Double.init) ?? 0))
        seed = environment["JUJU_SIM_SEED"].flatMap(UInt64.init)
        failCommands = list("JUJU_SIM_FAIL_COMMANDS")
        failAfter = environment["JUJU_SIM_FAIL_MODE"] == "after"
        hangCommands = list("JUJU_SIM_HANG")
        hangSeconds = environment["JUJU_SIM_HANG_SECONDS"].flatMap(Double.init)
        unitFaults = UnitFault.parseList(environment["JUJU_SIM_UNIT_FAULT"] ?? "")
        channelRevisions = Self.parseRevisions(environment["JUJU_SIM_CHANNEL_REVISIONS"] ?? "")
        subordinateCharms = list("JUJU_SIM_SUBORDINATE_CHARMS")
        agentVersion = environment["JUJU_SIM_AGENT_VERSION"] ?? Self.defaultAgentVersion
        snapConfined = environment["JUJU_SIM_SNAP"] != "0"
        userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        callLog = environment["JUJU_SIM_CALL_LOG"].flatMap { $0.isEmpty ? nil : $0 }
        argvLog = environment["JUJU_SIM_ARGV_LOG"].flatMap { $0.isEmpty ? nil : $0 }
        destroySeconds = max(0, environment["JUJU_SIM_DESTROY_SECONDS"].flatMap(Double.init) ?? settleSeconds)
    }

    static func parseRevisions(_ text: String) -> [String: Int] {
        var result: [String: Int] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, let revision = Int(parts[1]) { result[parts[0]] = revision }
        }
        return result
    }
}
