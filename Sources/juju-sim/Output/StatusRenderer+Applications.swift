/// Applications, units and consumed offers of `juju status`.
extension StatusRenderer {
    func application(_ app: SimApplication) -> JSONValue {
        // A subordinate's units are listed under its principals' units, never under itself.
        let units: [(String, JSONValue)] = app.subordinate ? [] : principalUnits(app)
        let workloads = app.sortedUnits.map { unitStatuses($0).workload }
        var block = JSONObject()
        block.set("charm", app.charm)
        if let base = JujuBaseText(app.base) { block.set("base", base.json) }
        block.set("charm-origin", "charmhub")
        block.set("charm-name", app.charm)
        block.set("charm-rev", .int(app.revision))
        block.set("charm-channel", app.channel)
        if model.isKubernetes {
            block.set("scale", .int(app.units.count))
            block.set("provider-id", SimAddress.uuid(model.uuid + "/" + app.name))
            block.set("address", SimAddress.service(model: model.uuid, application: app.name))
        }
        block.set("exposed", .bool(app.exposed))
        // With no unit to derive it from, Juju shows `unknown` (see the empty-apps capture).
        block.set("application-status", status(UnitLifecycle.applicationStatus(workloads)
            ?? UnitLifecycle.Status(current: "unknown", since: app.createdAt)))
        let relations = relationsBlock(of: app.name)
        if !relations.isEmpty { block.set("relations", .object(relations)) }
        if app.subordinate { block.set("subordinate-to", .array(model.principals(of: app.name).map(JSONValue.string))) }
        if !units.isEmpty { block.set("units", .object(units)) }
        block.set("endpoint-bindings", .object([("", .string("alpha"))] + endpointNames(of: app.name).map { ($0, .string("alpha")) }))
        return block.value
    }

    /// 3.x shape: endpoint → `[{related-application, interface, scope}]`; no scope for SAAS.
    func relationsBlock(of application: String) -> [(String, JSONValue)] {
        var byEndpoint: [String: [JSONValue]] = [:]
        for relation in model.relations where relation.involves(application) {
            let mine = relation.endpoints.first { $0.application == application }!
            let other = relation.other(than: application) ?? mine
            var target = JSONObject()
            target.set("related-application", other.application)
            target.set("interface", relation.interface)
            if model.saas[other.application] == nil { target.set("scope", relation.scope) }
            byEndpoint[mine.name, default: []].append(target.value)
        }
        return byEndpoint.keys.sorted().map { ($0, .array(byEndpoint[$0]!)) }
    }

    func endpointNames(of application: String) -> [String] {
        Array(Set(model.relations.compactMap { relation in
            relation.endpoints.first { $0.application == application }?.name
        })).sorted()
    }

    func principalUnits(_ app: SimApplication) -> [(String, JSONValue)] {
        let leader = app.sortedUnits.first?.name
        return app.sortedUnits.map { unit in (unit.name, self.unit(unit, app: app, leader: unit.name == leader)) }
    }

    func unitStatuses(_ unit: SimUnit) -> (workload: UnitLifecycle.Status, agent: UnitLifecycle.Status) {
        var start = unit.createdAt
        let host = unit.machine ?? unit.principal.flatMap { principal in
            model.applications[String(principal.split(separator: "/")[0])]?.units[principal]?.machine
        }
        if let host, let machine = model.machines[host] { start = max(start, machine.createdAt) }
        return lifecycle.unit(unit, start: start, onMachine: unit.machine != nil, fault: UnitFault.lookup(unit.name, in: faults))
    }

    func unit(_ unit: SimUnit, app: SimApplication, leader: Bool) -> JSONValue {
        let (workload, agent) = unitStatuses(unit)
        var block = JSONObject()
        block.set("workload-status", status(workload))
        block.set("juju-status", status(agent))
        if leader { block.set("leader", .bool(true)) }
        if let machineID = unit.machine {
            block.set("machine", machineID)
            if let machine = model.machines[machineID], lifecycle.machineStarted(machine) {
                block.set("public-address", SimAddress.machine(model: model.uuid, machine: machineID))
            }
        } else if model.isKubernetes {
            block.set("address", SimAddress.pod(model: model.uuid, unit: unit.name))
            block.set("provider-id", unit.name.replacingOccurrences(of: "/", with: "-"))
        }
        let subordinates = subordinateUnits(of: unit.name)
        if !subordinates.isEmpty { block.set("subordinates", .object(subordinates)) }
        return block.value
    }

    func subordinateUnits(of principal: String) -> [(String, JSONValue)] {
        let host = model.applications[String(principal.split(separator: "/")[0])]?.units[principal]?.machine
        var result: [(String, JSONValue)] = []
        for app in model.applications.values.filter(\.subordinate).sorted(by: { $0.name < $1.name }) {
            let leader = app.sortedUnits.first?.name
            for unit in app.sortedUnits where unit.principal == principal {
                let (workload, agent) = unitStatuses(unit)
                var block = JSONObject()
                block.set("workload-status", status(workload))
                block.set("juju-status", status(agent))
                if unit.name == leader { block.set("leader", .bool(true)) }
                if let host, let machine = model.machines[host], lifecycle.machineStarted(machine) {
                    block.set("public-address", SimAddress.machine(model: model.uuid, machine: host))
                }
                result.append((unit.name, block.value))
            }
        }
        return result
    }

    func remoteApplication(_ name: String) -> JSONValue {
        var block = JSONObject()
        block.set("url", model.saas[name])
        block.set("endpoints", .object(endpointNames(of: name).map { ($0, .object([("interface", .string($0)), ("role", .string("provider"))])) }))
        block.set("application-status", status(UnitLifecycle.Status(current: "active", since: model.createdAt)))
        var relations: [String: [JSONValue]] = [:]
        for relation in model.relations where relation.involves(name) {
            guard let mine = relation.endpoints.first(where: { $0.application == name }),
                  let other = relation.other(than: name) else { continue }
            relations[mine.name, default: []].append(.string(other.application))
        }
        if !relations.isEmpty { block.set("relations", .object(relations.keys.sorted().map { ($0, .array(relations[$0]!)) })) }
        return block.value
    }
}
