/// `juju status --format=json` in Juju 3.6's shape, computed from the state at `now`.
struct StatusRenderer {
    let model: SimModel
    let controller: SimController
    let lifecycle: UnitLifecycle
    /// Environment faults first, then those recorded with `sim-fault`.
    let faults: [String: UnitFault]
    /// Application names given on the command line (`juju status mysql`); empty for all.
    var filter: Set<String> = []

    init(model: SimModel, controller: SimController, settings: SimSettings, now: Double, filter: Set<String> = []) {
        self.model = model
        self.controller = controller
        self.lifecycle = UnitLifecycle(settle: settings.settleSeconds, now: now, agentVersion: controller.agentVersion)
        self.faults = model.faults.merging(settings.unitFaults) { _, environment in environment }
        self.filter = filter
    }

    var shownApplications: [SimApplication] {
        model.applications.values.filter { filter.isEmpty || filter.contains($0.name) }.sorted { $0.name < $1.name }
    }

    func render() -> JSONValue {
        var root = JSONObject()
        root.set("model", modelBlock())
        root.set("machines", machinesBlock())
        root.set("applications", .object(shownApplications.map { ($0.name, application($0)) }))
        let saas = model.saas.keys.sorted().filter { filter.isEmpty || filter.contains($0) }
        if !saas.isEmpty { root.set("application-endpoints", .object(saas.map { ($0, remoteApplication($0)) })) }
        root.set("storage", .object([]))
        root.set("controller", .object([("timestamp", .string(SimClock.timeOfDay(lifecycle.now)))]))
        return root.value
    }

    func modelBlock() -> JSONValue {
        var block = JSONObject()
        block.set("name", model.name)
        block.set("type", model.type)
        block.set("controller", controller.name)
        block.set("cloud", controller.cloud)
        block.set("region", controller.region)
        block.set("version", controller.agentVersion)
        block.set("model-status", status(UnitLifecycle.Status(current: "available", since: model.createdAt)))
        block.set("sla", "unsupported")
        return block.value
    }

    func status(_ status: UnitLifecycle.Status) -> JSONValue {
        var block = JSONObject()
        block.set("current", status.current)
        block.set("message", status.message)
        block.set("since", SimClock.since(status.since))
        block.set("version", status.version)
        return block.value
    }

    func machinesBlock() -> JSONValue {
        let shownUnits = Set(shownApplications.flatMap { $0.units.values.compactMap(\.machine) })
        let hosts = model.machines.values.filter { machine in
            !machine.isContainer && (filter.isEmpty || shownUnits.contains { $0 == machine.id || $0.hasPrefix(machine.id + "/") })
        }
        // Juju sorts machine ids as strings in JSON ("0", "1", "10", "2").
        return .object(hosts.sorted { $0.id < $1.id }.map { ($0.id, machine($0)) })
    }

    func machine(_ machine: SimMachine) -> JSONValue {
        let started = lifecycle.machineStarted(machine)
        let hostname = "juju-\(model.uuid.prefix(6))-\(machine.id.replacingOccurrences(of: "/", with: "-"))"
        let address = SimAddress.machine(model: model.uuid, machine: machine.id)
        var block = JSONObject()
        block.set("juju-status", status(lifecycle.machineAgent(machine)))
        if started {
            block.set("hostname", hostname)
            block.set("dns-name", address)
            block.set("ip-addresses", .array([.string(address)]))
        }
        block.set("instance-id", started ? hostname : "pending")
        block.set("machine-status", status(lifecycle.machineInstance(machine)))
        block.set("modification-status", status(UnitLifecycle.Status(current: "applied", since: machine.createdAt)))
        if let base = JujuBaseText(machine.base) { block.set("base", base.json) }
        if started {
            let gateway = address.split(separator: ".").prefix(3).joined(separator: ".") + ".1"
            block.set("network-interfaces", .object([("eth0", .object([
                ("ip-addresses", .array([.string(address)])), ("mac-address", .string(SimAddress.mac(model: model.uuid, machine: machine.id))),
                ("gateway", .string(gateway)), ("space", .string("alpha")), ("is-up", .bool(true)),
            ]))]))
        }
        let containers = model.machines.values.filter { $0.isContainer && $0.id.hasPrefix(machine.id + "/") }
        if !containers.isEmpty {
            block.set("containers", .object(containers.sorted { $0.id < $1.id }.map { ($0.id, self.machine($0)) }))
        }
        block.set("constraints", machine.constraints)
        if started { block.set("hardware", Constraints.hardware(for: machine.constraints ?? "arch=amd64")) }
        return block.value
    }
}
