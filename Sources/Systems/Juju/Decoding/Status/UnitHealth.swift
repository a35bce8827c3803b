/// Whether a unit passes a health gate, and if not whether waiting can help.
///
/// The rules are those of JUJU-STATUS-FORMAT.md §14.6: healthy means workload `active` with an
/// agent `idle` or `executing`; `error`/`blocked` workloads and `lost`/`failed` agents will not
/// heal by waiting, everything else (allocating, installing, maintenance…) might.
public enum UnitHealth: Hashable, Sendable {
    case healthy
    /// Still converging; the text says on what, for a timeout message.
    case pending(String)
    /// Needs a human or a new action; the text is Juju's message.
    case failed(String)

    public init(_ unit: JujuStatus.Unit) {
        if let error = unit.statusError { self = .failed("status error: \(error)"); return }
        let workload = unit.workloadStatus?.current ?? "unknown"
        let agent = unit.jujuStatus?.current ?? "unknown"
        let workloadMessage = unit.workloadStatus?.message
        let agentMessage = unit.jujuStatus?.message
        func describe(_ status: String, _ message: String?) -> String {
            message.map { "\(status): \($0)" } ?? status
        }
        switch (workload, agent) {
        case ("error", _), ("blocked", _):
            self = .failed(describe(workload, workloadMessage))
        case (_, "lost"), (_, "failed"):
            self = .failed("agent \(describe(agent, agentMessage))")
        case ("active", "idle"), ("active", "executing"):
            self = .healthy
        default:
            self = .pending("workload \(describe(workload, workloadMessage)), agent \(describe(agent, agentMessage))")
        }
    }

    public var isHealthy: Bool { self == .healthy }
    public var isFailed: Bool { if case .failed = self { return true } else { return false } }
}
