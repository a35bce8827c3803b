/// Derives agent and workload statuses from the time elapsed since each change, so that time
/// passes in the simulated world without any process running, and a health gate polling
/// `juju status` sees what it would see in Juju:
///
/// ```
/// unit created ─ 40 % of settle ─▶ agent executing "running install hook", workload maintenance
///              ─ settle ─────────▶ agent idle, workload active (or the injected fault)
/// refresh/config on a settled unit ─ half of settle ─▶ executing the upgrade-charm/config-changed hook
/// ```
/// Machines are `pending` for the first 40 % of settle, then `started`.
struct UnitLifecycle {
    let settle: Double
    let now: Double
    let agentVersion: String

    struct Status {
        var current: String
        var message: String?
        var since: Double
        var version: String?
    }

    var allocation: Double { settle * 0.4 }

    func machineStarted(_ machine: SimMachine) -> Bool { now >= machine.createdAt + allocation }

    func machineAgent(_ machine: SimMachine) -> Status {
        machineStarted(machine)
            ? Status(current: "started", since: machine.createdAt + allocation, version: agentVersion)
            : Status(current: "pending", since: machine.createdAt)
    }

    func machineInstance(_ machine: SimMachine) -> Status {
        if machineStarted(machine) {
            return Status(current: "running", message: machine.isContainer ? "Container started" : "Running",
                          since: machine.createdAt + allocation)
        }
        return Status(current: "pending", since: machine.createdAt)
    }

    /// `start` is when the unit could begin: its creation, or its machine's if that is later.
    func unit(_ unit: SimUnit, start: Double, onMachine: Bool, fault: UnitFault?) -> (workload: Status, agent: Status) {
        let installed = start + settle
        if now < start + allocation {
            let waiting = onMachine ? "waiting for machine" : "installing agent"
            return (Status(current: "waiting", message: waiting, since: start), Status(current: "allocating", since: start))
        }
        if now < installed {
            return (Status(current: "maintenance", message: "installing charm software", since: start + allocation),
                    Status(current: "executing", message: "running install hook", since: start + allocation, version: agentVersion))
        }
        var settledAt = installed
        var hook: String?
        if let changedAt = unit.changedAt, let change = unit.change, changedAt >= installed {
            settledAt = changedAt + settle / 2
            if now < settledAt { hook = change == .upgrade ? "running upgrade-charm hook" : "running config-changed hook" }
        }
        if fault?.status == "lost" {
            return (Status(current: "unknown", message: "agent lost, see 'juju show-status-log \(unit.name)'", since: settledAt),
                    Status(current: "lost", message: "agent is not communicating with the server", since: settledAt,
                           version: agentVersion))
        }
        let workload: Status
        if let fault {
            workload = Status(current: fault.status, message: fault.message, since: installed)
        } else if hook != nil, unit.change == .upgrade {
            workload = Status(current: "maintenance", message: "upgrading charm", since: unit.changedAt ?? installed)
        } else {
            workload = Status(current: "active", since: hook == nil ? settledAt : installed)
        }
        let agent = hook.map { Status(current: "executing", message: $0, since: unit.changedAt ?? installed, version: agentVersion) }
            ?? Status(current: "idle", since: settledAt, version: agentVersion)
        return (workload, agent)
    }

    /// Juju shows an application the most severe workload status of its units.
    static let severity = ["error": 6, "blocked": 5, "maintenance": 4, "waiting": 3, "active": 2, "unknown": 1]

    static func applicationStatus(_ workloads: [Status]) -> Status? {
        workloads.max { (severity[$0.current] ?? 0, -$0.since) < (severity[$1.current] ?? 0, -$1.since) }
    }
}
