extension JujuStatus {
    /// Every machine and container, flattened and keyed by full id (`0`, `0/lxd/0`).
    public var allMachines: [String: Machine] {
        var result: [String: Machine] = [:]
        func visit(_ machines: [String: Machine]) {
            for (id, machine) in machines {
                result[id] = machine
                visit(machine.containers)
            }
        }
        visit(machines)
        return result
    }

    /// The units of an application, keyed by unit name. A principal's own units; for a
    /// subordinate, the units found under its principals' units (Juju lists them nowhere else).
    public func units(of application: String) -> [String: Unit] {
        guard let app = applications[application] else { return [:] }
        if !app.isSubordinate { return app.units }
        var result: [String: Unit] = [:]
        let prefix = application + "/"
        for principal in app.subordinateTo {
            for unit in (applications[principal]?.units ?? [:]).values {
                for (name, subordinate) in unit.subordinates where name.hasPrefix(prefix) {
                    result[name] = subordinate
                }
            }
        }
        return result
    }

    /// The number of units an application runs now (subordinates counted on their principals).
    public func unitCount(of application: String) -> Int { units(of: application).count }

    /// The leader unit's name, if Juju said (JIMM output never does).
    public func leader(of application: String) -> String? {
        units(of: application).first { $0.value.leader }?.key
    }

    /// Every relation of the model once, as sorted pairs of application names
    /// (`["mysql", "wordpress"]`). Peer relations pair an application with itself.
    public var relationPairs: Set<[String]> {
        var pairs: Set<[String]> = []
        for (name, application) in applications {
            for target in application.relations.values.joined() {
                pairs.insert([name, target.relatedApplication].sorted())
            }
        }
        return pairs
    }
}
