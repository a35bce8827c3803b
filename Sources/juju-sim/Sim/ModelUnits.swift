/// Units: adding (with their subordinates), removing, scaling.
extension SimModel {
    /// Adds `count` units; on IaaS each goes where `placements[i]` says, else to a new machine.
    @discardableResult
    mutating func addUnits(to appName: String, count: Int, placements: [String] = [], at now: Double) throws -> [String] {
        guard var app = applications[appName] else { throw SimError.applicationNotFound(appName) }
        if app.subordinate {
            throw SimError.failure("cannot add unit to application \"\(appName)\": subordinate application")
        }
        var added: [String] = []
        for index in 0..<count {
            let number = nextUnitNumber(for: app)
            app.nextUnit = max(app.nextUnit, number + 1)
            let machine = isKubernetes ? nil
                : try place(index < placements.count ? placements[index] : nil, base: app.base, constraints: app.constraints, at: now)
            let name = "\(appName)/\(number)"
            app.units[name] = SimUnit(name: name, number: number, machine: machine, createdAt: now)
            added.append(name)
        }
        applications[appName] = app
        for unit in added { attachSubordinates(to: unit, at: now) }
        return added
    }

    /// IaaS unit numbers only grow; Kubernetes units are pods of a StatefulSet, whose ordinals
    /// are reused after a scale down.
    private func nextUnitNumber(for app: SimApplication) -> Int {
        guard isKubernetes else { return app.nextUnit }
        let used = Set(app.units.values.map(\.number))
        return (0...).first { !used.contains($0) }!
    }

    /// Gives a new principal unit one unit of every subordinate related to its application.
    mutating func attachSubordinates(to principalUnit: String, at now: Double) {
        let principalApp = String(principalUnit.split(separator: "/")[0])
        for relation in relations where relation.scope == "container" && relation.involves(principalApp) {
            guard let subordinateName = relation.other(than: principalApp)?.application,
                  var subordinate = applications[subordinateName], subordinate.subordinate else { continue }
            if subordinate.units.values.contains(where: { $0.principal == principalUnit }) { continue }
            let number = subordinate.nextUnit
            subordinate.nextUnit += 1
            let name = "\(subordinateName)/\(number)"
            subordinate.units[name] = SimUnit(name: name, number: number, principal: principalUnit, createdAt: now)
            applications[subordinateName] = subordinate
        }
    }

    mutating func removeUnit(_ name: String, releasingMachine: Bool = true) throws {
        let appName = String(name.split(separator: "/").first ?? "")
        guard let app = applications[appName], let unit = app.units[name] else {
            throw SimError.failure("removing unit \(name) failed: unit \"\(name)\" not found")
        }
        if unit.principal != nil {
            throw SimError.failure("removing unit \(name) failed: unit \"\(name)\" is a subordinate, to remove use remove-relation. Note: this will remove all units of \"\(appName)\"")
        }
        applications[appName]?.units[name] = nil
        for (subordinateName, subordinate) in applications where subordinate.subordinate {
            for sub in subordinate.units.values where sub.principal == name {
                applications[subordinateName]?.units[sub.name] = nil
            }
        }
        if releasingMachine, let machine = unit.machine {
            releaseMachine(machine)
            if machine.contains("/") { releaseMachine(String(machine.split(separator: "/")[0])) }
        }
    }

    /// Kubernetes: makes the application run exactly `count` units (pods).
    mutating func scale(_ appName: String, to count: Int, at now: Double) throws {
        guard let app = applications[appName] else { throw SimError.applicationNotFound(appName) }
        let current = app.sortedUnits
        if count > current.count {
            try addUnits(to: appName, count: count - current.count, at: now)
        } else {
            for unit in current.suffix(current.count - count).reversed() { try removeUnit(unit.name) }
        }
    }
}
