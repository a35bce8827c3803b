/// Applies a bundle to a model the way `juju deploy bundle.yaml` does: it computes the changes
/// against what already runs, so deploying the same bundle twice changes nothing.
///
/// - Existing applications are refreshed when the bundle pins another channel or revision,
///   get the bundle's options, and gain units up to `num_units` (a bundle never removes units;
///   on Kubernetes, `scale` is applied as written).
/// - Bundle machine ids are the bundle's own: each is mapped to the model machine already
///   hosting the unit the bundle places there (Juju infers this mapping too), or to the machine
///   of the same id with `--map-machines=existing`; otherwise a new machine is added.
/// - Missing relations are added; consumed offers are recorded.
struct BundleDeployer {
    let bundle: BundleFile
    let settings: SimSettings
    let now: Double
    let mapExisting: Bool

    func deploy(into model: inout SimModel) throws -> [String] {
        if bundle.isKubernetes != model.isKubernetes {
            throw SimError.failure(bundle.isKubernetes
                ? "cannot deploy bundle: a Kubernetes bundle cannot be deployed to the machine model \"\(model.name)\""
                : "cannot deploy bundle: a machine bundle cannot be deployed to the Kubernetes model \"\(model.name)\"; add \"bundle: kubernetes\"")
        }
        if model.isKubernetes, !bundle.machines.isEmpty {
            throw SimError.failure("cannot deploy bundle: machines are not supported on Kubernetes models")
        }
        var log: [String] = []
        for (name, url) in bundle.saas.sorted(by: { $0.key < $1.key }) where model.saas[name] == nil {
            model.saas[name] = url
            log.append("- add consumed offer \(name) from \(url)")
        }
        let machineMap = try mapMachines(in: &model, log: &log)
        for (name, app) in placementOrder() {
            if model.applications[name] == nil {
                try add(name, app, machineMap: machineMap, into: &model, log: &log)
            } else {
                try update(name, app, machineMap: machineMap, in: &model, log: &log)
            }
        }
        for ends in bundle.relations where try model.findRelation(ends[0], ends[1]) == nil {
            try model.integrate(ends[0], ends[1], at: now)
            log.append("- add relation \(ends[0]) - \(ends[1])")
        }
        return log
    }

    /// Bundle order, except that an application placed next to another's unit (`to:
    /// [memcached/0]`) comes after it, as Juju orders its bundle changes.
    func placementOrder() -> [(name: String, app: BundleFile.Application)] {
        var pending = bundle.applications
        var ordered: [(name: String, app: BundleFile.Application)] = []
        while !pending.isEmpty {
            let placed = Set(ordered.map(\.name))
            let names = Set(pending.map(\.name))
            let ready = pending.firstIndex { entry in
                entry.app.to.allSatisfy { directive in
                    guard let unit = directive.split(separator: ":").last, unit.contains("/") else { return true }
                    let target = String(unit.split(separator: "/")[0])
                    return placed.contains(target) || !names.contains(target) || target == entry.name
                }
            } ?? 0  // A placement cycle cannot be satisfied; deploying in order reports it.
            ordered.append(pending.remove(at: ready))
        }
        return ordered
    }

    private func base(_ base: String?, series: String?) -> String {
        CharmStore.base(base, series: series) ?? CharmStore.base(bundle.defaultBase, series: bundle.series) ?? CharmStore.defaultBase
    }

    private func mapMachines(in model: inout SimModel, log: inout [String]) throws -> [String: String] {
        var map: [String: String] = [:]
        for (name, app) in bundle.applications {
            guard let existing = model.applications[name] else { continue }
            for (unit, directive) in zip(existing.sortedUnits, app.to) {
                guard let bundleMachine = Self.bundleMachine(in: directive), let host = unit.machine?.split(separator: "/").first else { continue }
                if map[bundleMachine] == nil { map[bundleMachine] = String(host) }
            }
        }
        for (id, machine) in bundle.machines where map[id] == nil {
            if mapExisting, model.machines[id] != nil { map[id] = id; continue }
            let created = model.addMachine(base: base(machine.base, series: machine.series), constraints: machine.constraints, at: now)
            map[id] = created
            log.append("- add new machine \(created) (bundle machine \(id))")
        }
        return map
    }

    /// `3`, `lxd:3` → `3`; anything else places on no bundle machine.
    static func bundleMachine(in directive: String) -> String? {
        let target = directive.split(separator: ":").last.map(String.init) ?? directive
        return target.allSatisfy(\.isNumber) && !target.isEmpty ? target : nil
    }

    private func placements(_ app: BundleFile.Application, from index: Int, machineMap: [String: String], model: SimModel) throws -> [String] {
        try app.to.dropFirst(index).map { directive in
            let parts = directive.split(separator: ":", maxSplits: 1).map(String.init)
            let target = parts.last!
            if let mapped = machineMap[target] { return parts.count == 2 ? "\(parts[0]):\(mapped)" : mapped }
            if target.contains("/"), let machine = model.applications[String(target.split(separator: "/")[0])]?.units[target]?.machine {
                return parts.count == 2 ? "\(parts[0]):\(machine)" : machine
            }
            if target.allSatisfy(\.isNumber) {
                throw SimError.failure("cannot deploy bundle: placement \"\(directive)\" refers to a machine not defined in this bundle")
            }
            return directive
        }
    }

    private func add(_ name: String, _ app: BundleFile.Application, machineMap: [String: String], into model: inout SimModel,
                     log: inout [String]) throws {
        let spec = SimModel.DeploySpec(
            name: name, charm: app.charm, channel: app.channel, revision: app.revision, units: app.units ?? 0,
            placements: model.isKubernetes ? [] : try placements(app, from: 0, machineMap: machineMap, model: model),
            base: base(app.base, series: app.series), constraints: app.constraints, config: app.options,
            trust: app.trust, expose: app.expose)
        let deployed = try model.deploy(spec, settings: settings, at: now)
        log.append("- upload charm \(app.charm) from charm-hub with channel \(deployed.channel)")
        log.append("- deploy application \(name) from charm-hub on \(deployed.base)/stable with \(deployed.channel)")
        if app.expose { log.append("- expose all endpoints of \(name) and allow access from CIDRs 0.0.0.0/0 and ::/0") }
        for unit in deployed.sortedUnits {
            log.append(unit.machine.map { "- add unit \(unit.name) to machine \($0)" } ?? "- add unit \(unit.name)")
        }
    }

    private func update(_ name: String, _ app: BundleFile.Application, machineMap: [String: String], in model: inout SimModel,
                        log: inout [String]) throws {
        guard let existing = model.applications[name] else { return }
        if existing.charm != app.charm {
            throw SimError.failure("cannot deploy bundle: application \"\(name)\" already runs charm \"\(existing.charm)\", not \"\(app.charm)\"")
        }
        let wantsChannel = app.channel.map(CharmStore.normalizedChannel)
        if (wantsChannel != nil && wantsChannel != existing.channel) || (app.revision != nil && app.revision != existing.revision),
           try model.refresh(name, channel: wantsChannel, revision: app.revision ?? (wantsChannel == nil ? existing.revision : nil),
                             settings: settings, at: now) {
            let refreshed = model.applications[name]!
            log.append("- upgrade \(name) from charm-hub using charm \(app.charm) revision \(refreshed.revision) in \(refreshed.channel)")
        }
        if !app.options.isEmpty, app.options.contains(where: { existing.config[$0.key] != $0.value }) {
            try model.configure(name, set: app.options, reset: [], settle: settings.settleSeconds, at: now)
            log.append("- set application options for \(name)")
        }
        if app.expose, !existing.exposed { model.applications[name]?.exposed = true; log.append("- expose all endpoints of \(name)") }
        if app.trust, !existing.trust { model.applications[name]?.trust = true }
        guard let wanted = app.units, !existing.subordinate else { return }
        if model.isKubernetes {
            if wanted != existing.units.count {
                try model.scale(name, to: wanted, at: now)
                log.append("- scale \(name) to \(wanted) units")
            }
        } else if wanted > existing.units.count {
            let added = try model.addUnits(to: name, count: wanted - existing.units.count,
                                           placements: try placements(app, from: existing.units.count, machineMap: machineMap, model: model),
                                           at: now)
            log += added.map { "- add unit \($0)" }
        }
    }
}
