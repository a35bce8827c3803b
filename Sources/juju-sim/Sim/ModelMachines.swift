/// Machines and containers of an IaaS model.
extension SimModel {
    mutating func addMachine(base: String, constraints: String?, at now: Double) -> String {
        let id = String(nextMachine)
        nextMachine += 1
        machines[id] = SimMachine(id: id, base: base, constraints: Constraints.normalized(constraints), createdAt: now)
        return id
    }

    mutating func addContainer(type: String, on host: String, base: String, at now: Double) throws -> String {
        guard var hostMachine = machines[host] else { throw SimError.failure("machine \(host) not found") }
        let id = "\(host)/\(type)/\(hostMachine.nextContainer)"
        hostMachine.nextContainer += 1
        machines[host] = hostMachine
        machines[id] = SimMachine(id: id, base: base, constraints: Constraints.normalized(nil), createdAt: now)
        return id
    }

    /// Where a unit goes for a placement directive: `new` (or nothing), an existing machine
    /// id, `lxd:3` (a new container on machine 3), `lxd` (a container on a new machine), or
    /// any other directive (`zone=…`), which juju-sim satisfies with a new machine.
    mutating func place(_ directive: String?, base: String, constraints: String?, at now: Double) throws -> String {
        guard let directive, !directive.isEmpty, directive != "new" else {
            return addMachine(base: base, constraints: constraints, at: now)
        }
        if machines[directive] != nil { return directive }
        if directive.allSatisfy(\.isNumber) || directive.contains("/") {
            throw SimError.failure("cannot add unit: machine \(directive) not found")
        }
        let parts = directive.split(separator: ":", maxSplits: 1).map(String.init)
        if ["lxd", "kvm"].contains(parts[0]) {
            let host = parts.count == 2 ? parts[1] : addMachine(base: base, constraints: constraints, at: now)
            return try addContainer(type: parts[0], on: host, base: base, at: now)
        }
        return addMachine(base: base, constraints: constraints, at: now)
    }

    /// Principal units on a machine or on its containers.
    func unitNames(on machine: String) -> [String] {
        applications.values.flatMap { app in
            app.units.values.filter { unit in
                guard let placed = unit.machine else { return false }
                return placed == machine || placed.hasPrefix(machine + "/")
            }.map(\.name)
        }.sorted()
    }

    func containers(of machine: String) -> [String] {
        machines.keys.filter { $0.hasPrefix(machine + "/") }.sorted()
    }

    /// Juju destroys a machine with its last principal unit when nothing else lives on it.
    mutating func releaseMachine(_ id: String) {
        guard machines[id] != nil, unitNames(on: id).isEmpty, containers(of: id).isEmpty else { return }
        machines[id] = nil
    }

    mutating func removeMachine(_ id: String, force: Bool) throws {
        guard machines[id] != nil else { throw SimError.failure("removing machine \(id) failed: machine \(id) not found") }
        let units = unitNames(on: id)
        if !units.isEmpty, !force {
            throw SimError.failure("removing machine \(id) failed: machine \(id) has unit \"\(units[0])\" assigned")
        }
        let hosted = containers(of: id)
        if !hosted.isEmpty, !force {
            throw SimError.failure("removing machine \(id) failed: machine \(id) is hosting containers \"\(hosted.joined(separator: ", "))\"")
        }
        for unit in units { try removeUnit(unit, releasingMachine: false) }
        for container in hosted { machines[container] = nil }
        machines[id] = nil
    }
}
