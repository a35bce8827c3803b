import PlanModel
import TenantCore

/// Plans one environment: its model, machines, applications and relations, in dependency order
/// model → machines → deploy → refresh/scale/config/expose/integrate/removals → wait.
///
/// Removals (what left git, a scale-down, options git does not declare) are always planned; the
/// ``Prune`` policy withholds them where prune is off.
struct EnvironmentPlanner {
    enum Outcome { case planned, skipped(String) }

    let environment: DesiredEnvironment
    private(set) var actions: [Change] = []
    /// Ids of the removals among `actions`.
    private var removals: Set<String> = []

    /// The current version of a secret path, where a versioned source (Vault) was observed.
    let secretVersion: @Sendable (String) -> Int?

    init(environment: DesiredEnvironment, secretVersion: @escaping @Sendable (String) -> Int? = { _ in nil }) {
        self.environment = environment
        self.secretVersion = secretVersion
    }

    mutating func plan(observed: ObservedState) -> Outcome {
        guard let controller = observed.controllers[environment.controller] else {
            return .skipped("controller '\(environment.controller)' was not observed")
        }
        guard controller.known else {
            return .skipped(controller.error ?? "controller '\(environment.controller)' is not known to Juju (bootstrap it, or fix tenantctl.yaml)")
        }
        switch observed.model(controller: environment.controller, name: environment.model) {
        case nil:
            return .skipped("model '\(environment.model)' was not observed")
        case let .failed(error)?:
            return .skipped("observing model '\(environment.model)' failed: \(error)")
        case .absent?:
            planNewModel()
        case let .present(model)?:
            planExistingModel(model)
        }
        return .planned
    }

    // MARK: a model that does not exist yet

    private mutating func planNewModel() {
        var parameters: [String: ChangeParameter] = ["cloud": .string(environment.cloud + (environment.region.map { "/" + $0 } ?? ""))]
        if let credential = environment.credential { parameters["credential"] = .string(credential) }
        let model = add(.addModel, target: "model", reasons: [Reason(field: "model", desired: environment.model, observed: nil)],
                        parameters: parameters, after: [])
        var stage = [model]
        let machines = environment.machines.enumerated().map { index, group in
            add(.addMachine, target: "group-\(index)", reasons: [machineReason(group, missing: group.count, observed: 0)],
                parameters: machineParameters(group, count: group.count), after: stage)
        }
        if !machines.isEmpty { stage = machines }
        guard !environment.applications.isEmpty else { return }
        let deploy = add(.deploy, target: "bundle",
                         reasons: environment.applications.map { Reason(field: "applications.\($0.name)", desired: describe($0), observed: nil) },
                         parameters: ["bundle": .string(environment.bundle), "applications": .strings(environment.applications.map(\.name))],
                         after: stage)
        addWait(for: environment.applications.map(\.name), after: [deploy])
    }

    // MARK: a model that exists

    private mutating func planExistingModel(_ model: ObservedModel) {
        var stage: [String] = []
        for (index, group) in environment.machines.enumerated() {
            let have = MachineMatcher.count(group: group, index: index, groups: environment.machines, machines: model.machines)
            if have < group.count {
                stage.append(add(.addMachine, target: "group-\(index)", reasons: [machineReason(group, missing: group.count - have, observed: have)],
                                 parameters: machineParameters(group, count: group.count - have), after: []))
            }
        }
        let missing = environment.applications.filter { model.applications[$0.name] == nil }
        if !missing.isEmpty {
            let deploy = add(.deploy, target: "bundle",
                             reasons: missing.map { Reason(field: "applications.\($0.name)", desired: describe($0), observed: nil) },
                             parameters: ["bundle": .string(environment.bundle), "applications": .strings(missing.map(\.name))],
                             after: stage)
            stage = [deploy]
        }
        var changed: [String] = []
        var changes: [String] = []
        for application in environment.applications {
            guard let current = model.applications[application.name] else { continue }
            let updates = planApplication(application, current: current, model: model, after: stage)
            if !updates.isEmpty { changed.append(application.name); changes += updates }
        }
        changes += planRelations(model, after: stage)
        changes += planRemovals(model, after: stage)
        changes += planSurplusMachines(model, deploying: missing, after: stage)
        let waitFor = missing.map(\.name) + changed
        if !waitFor.isEmpty {
            // Prune may withhold every removal; a gate left waiting only for withheld changes
            // goes with them (``Plan/withholding(_:reason:)``), so when applications are being
            // deployed the gate also names the deploy it must still wait for.
            let onlyRemovals = !changes.isEmpty && changes.allSatisfy(removals.contains)
            addWait(for: waitFor, after: changes.isEmpty ? stage : (onlyRemovals && !missing.isEmpty ? stage + changes : changes))
        }
    }

    /// Refresh, scale, config and expose of one deployed application; returns the action ids.
    private mutating func planApplication(_ desired: DesiredApplication, current: ObservedApplication, model: ObservedModel,
                                          after stage: [String]) -> [String] {
        var ids: [String] = []
        var refreshReasons: [Reason] = []
        if desired.charm != current.charm {
            refreshReasons.append(Reason(field: "charm", desired: desired.charm, observed: current.charm))
        }
        if let channel = desired.channel, !CharmChannel.same(channel, current.channel) {
            refreshReasons.append(Reason(field: "channel", desired: channel, observed: current.channel))
        }
        if let revision = desired.revision, revision != current.revision {
            refreshReasons.append(Reason(field: "revision", desired: String(revision), observed: current.revision.map(String.init)))
        }
        var dependencies = stage
        if !refreshReasons.isEmpty {
            var parameters: [String: ChangeParameter] = [:]
            if let channel = desired.channel { parameters["channel"] = .string(channel) }
            if let revision = desired.revision { parameters["revision"] = .int(revision) }
            if desired.charm != current.charm { parameters["switch"] = .string(desired.charm) }
            let refresh = add(.refresh, target: desired.name, reasons: refreshReasons, parameters: parameters, after: stage)
            ids.append(refresh)
            dependencies = [refresh]
        }
        if let units = desired.units, !current.subordinate {
            ids += planScale(desired.name, desired: units, current: current, kind: model.kind, after: dependencies)
        }
        if let config = planConfig(desired, current: current, after: dependencies) { ids.append(config) }
        if let reset = planConfigReset(desired, current: current, after: dependencies) { ids.append(reset) }
        if desired.expose != current.exposed {
            ids.append(add(.expose, target: desired.name,
                           reasons: [Reason(field: "expose", desired: String(desired.expose), observed: String(current.exposed))],
                           parameters: ["exposed": .string(String(desired.expose))], after: dependencies))
        }
        return ids
    }

    private mutating func planScale(_ name: String, desired: Int, current: ObservedApplication, kind: Controller.Kind,
                                    after stage: [String]) -> [String] {
        let have = current.unitCount
        let reason = Reason(field: "units", desired: String(desired), observed: String(have))
        if desired > have {
            return [add(.scale, target: name, reasons: [reason],
                        parameters: ["from": .int(have), "to": .int(desired), "method": .string(kind == .k8s ? "scale-application" : "add-unit")],
                        after: stage)]
        }
        guard desired < have else { return [] }
        // Fewer units means removing some: removals, which prune may withhold.
        if kind == .k8s {
            // Scaling down removes units: a removal, counted and limited as one.
            return [add(.scale, target: name, reasons: [reason], effect: .delete,
                        parameters: ["from": .int(have), "to": .int(desired), "method": .string("scale-application")], after: stage)]
        }
        // Remove the newest units first: the leader and the oldest data stay.
        let surplus = current.units.sorted { UnitName.number($0.name) > UnitName.number($1.name) }.prefix(have - desired)
        return surplus.sorted { UnitName.number($0.name) < UnitName.number($1.name) }.map { unit in
            add(.removeUnit, target: unit.name, reasons: [reason], parameters: ["application": .string(name)], after: stage)
        }
    }

    private mutating func planConfig(_ desired: DesiredApplication, current: ObservedApplication, after stage: [String]) -> String? {
        var reasons: [Reason] = []
        for key in desired.config.keys.sorted() {
            let value = desired.config[key]!
            if let reference = value.vaultReference {
                // Compared by reference and version: the value stays in Vault.
                let applied = current.appliedSecrets[key].map(AppliedSecret.init(recorded:))
                let version = secretVersion(reference.path)
                // The reference and, for a tenant's own Vault, that Vault: moving to another
                // Vault is a change even when the versions happen to match.
                let identity = environment.secretIdentity(reference)
                if applied?.reference != identity {
                    reasons.append(Reason(field: "config.\(key)", desired: identity, observed: applied?.reference ?? "(not set by tenantctl)"))
                } else if let version, let appliedVersion = applied?.version, appliedVersion != version {
                    // Rotated in Vault since it was applied: the new version goes to Juju.
                    reasons.append(Reason(field: "config.\(key)", desired: "\(identity) version \(version)", observed: "\(identity) version \(appliedVersion)"))
                } else if let digest = current.appliedDigests?[key] {
                    // Same reference applied; is the value still the one applied? Compared as keyed
                    // digests, never as values (the observer digests what Juju reports).
                    let observed = current.config[key]?.description
                    if observed == nil {
                        reasons.append(Reason(field: "config.\(key)", desired: reference.description, observed: "(reset in Juju)"))
                    } else if let observed, observed.hasPrefix(ObservedApplication.secretDigestPrefix), observed != digest {
                        reasons.append(Reason(field: "config.\(key)", desired: reference.description, observed: "(changed in Juju)"))
                    }
                }
            } else if current.config[key].map(ConfigComparison.normalized) != ConfigComparison.normalized(value) {
                reasons.append(Reason(field: "config.\(key)", desired: value.description, observed: current.config[key]?.description))
            }
        }
        guard !reasons.isEmpty else { return nil }
        let keys = reasons.map { String($0.field.dropFirst("config.".count)) }
        return add(.config, target: desired.name, reasons: reasons, parameters: ["keys": .strings(keys)], after: stage)
    }

    /// Options Juju lists that git does not declare: export-bundle lists only options that differ
    /// from the charm's defaults, so someone set each of them (by hand, or through a manifest
    /// that no longer says so). Back to the defaults (a removal: prune decides).
    private mutating func planConfigReset(_ desired: DesiredApplication, current: ObservedApplication, after stage: [String]) -> String? {
        let extra = current.config.keys.filter { desired.config[$0] == nil }.sorted()
        guard !extra.isEmpty else { return nil }
        let reasons = extra.map { Reason(field: "config.\($0)", desired: "(charm default)", observed: current.config[$0]?.description) }
        return add(.resetConfig, target: desired.name, reasons: reasons, parameters: ["keys": .strings(extra)], after: stage)
    }

    private mutating func planRelations(_ model: ObservedModel, after stage: [String]) -> [String] {
        var ids: [String] = []
        for pair in environment.relations where pair.count == 2 {
            let a = RelationEndpoint(pair[0]), b = RelationEndpoint(pair[1])
            // Both sides must match: another relation between the same applications on other
            // endpoints does not count.
            // A consumed offer (saas) lists no relations of its own: only the local side shows.
            let established = (environment.saas[a.application] != nil
                    || model.relations.contains { a.matches(application: $0.application, endpoint: $0.endpoint) && $0.remoteApplication == b.application })
                && (environment.saas[b.application] != nil
                    || model.relations.contains { b.matches(application: $0.application, endpoint: $0.endpoint) && $0.remoteApplication == a.application })
            if !established {
                let sides = [a, b].sorted()
                ids.append(add(.integrate, target: "\(sides[0].text) \(sides[1].text)",
                               reasons: [Reason(field: "relations", desired: "\(sides[0].text) <-> \(sides[1].text)", observed: nil)],
                               parameters: ["endpoints": .strings(sides.map(\.text))], after: stage))
            }
        }
        return ids
    }

    /// Applications and relations that exist but are not desired: removals.
    private mutating func planRemovals(_ model: ObservedModel, after stage: [String]) -> [String] {
        var ids: [String] = []
        let desiredNames = Set(environment.applications.map(\.name))
        let extra = model.applications.keys.filter { !desiredNames.contains($0) }.sorted()
        for name in extra {
            ids.append(add(.removeApplication, target: name,
                           reasons: [Reason(field: "applications.\(name)", desired: nil, observed: model.applications[name]!.charm)],
                           after: stage))
        }
        let desiredPairs = environment.relations.filter { $0.count == 2 }.map { ($0.map(RelationEndpoint.init)) }
        // Status lists each relation once per side; group unwanted sides by application pair and
        // remove each relation once, named from one side.
        var unwanted: [[String]: [ObservedRelation]] = [:]
        for relation in model.relations {
            // Peer relations and relations of applications being removed go with them.
            guard relation.application != relation.remoteApplication,
                  desiredNames.contains(relation.application), desiredNames.contains(relation.remoteApplication) else { continue }
            let wanted = desiredPairs.contains { pair in
                (pair[0].matches(application: relation.application, endpoint: relation.endpoint) && pair[1].application == relation.remoteApplication)
                    || (pair[1].matches(application: relation.application, endpoint: relation.endpoint) && pair[0].application == relation.remoteApplication)
            }
            if !wanted { unwanted[[relation.application, relation.remoteApplication].sorted(), default: []].append(relation) }
        }
        for pair in unwanted.keys.sorted(by: { $0.joined(separator: " ") < $1.joined(separator: " ") }) {
            let sides = unwanted[pair]!
            let first = sides.filter { $0.application == pair[0] }, second = sides.filter { $0.application == pair[1] }
            let named = (first.count >= second.count ? first : second).sorted { $0.endpoint < $1.endpoint }
            for relation in named {
                let key = "\(relation.application):\(relation.endpoint) \(relation.remoteApplication)"
                ids.append(add(.removeRelation, target: key,
                               reasons: [Reason(field: "relations", desired: nil, observed: "\(relation.application):\(relation.endpoint) <-> \(relation.remoteApplication)")],
                               parameters: ["endpoints": .strings(["\(relation.application):\(relation.endpoint)", relation.remoteApplication])],
                               after: stage))
            }
        }
        return ids
    }

    /// Machines that host no unit and no container and that no machine group claims: a cost
    /// leak (a hand-made machine, a group made smaller, a duplicate from a race). Removals;
    /// machines a bundle being deployed maps onto (`to: 0` with `--map-machines=existing`) are
    /// left for that deploy.
    private mutating func planSurplusMachines(_ model: ObservedModel, deploying: [DesiredApplication], after stage: [String]) -> [String] {
        guard model.kind == .iaas else { return [] }
        let hosts = Set(model.applications.values.flatMap(\.units).compactMap { $0.machine.map(MachinePlacement.host) })
        let reserved = Set(deploying.flatMap(\.to).compactMap(MachinePlacement.existingMachine))
        let claimed = MachineMatcher.claimed(groups: environment.machines, machines: model.machines)
        let surplus = model.machines.values.filter {
            !hosts.contains($0.id) && $0.containers.isEmpty && !claimed.contains($0.id) && !reserved.contains($0.id)
        }
        var ids: [String] = []
        for machine in surplus.sorted(by: { MachinePlacement.order($0.id, $1.id) }) {
            let described = [machine.constraints, machine.base].compactMap { $0 }.joined(separator: " ")
            ids.append(add(.removeMachine, target: machine.id,
                           reasons: [Reason(field: "machines.\(machine.id)", desired: nil, observed: described.isEmpty ? "no unit" : "\(described), no unit")],
                           after: stage))
        }
        return ids
    }

    // MARK: helpers

    private mutating func addWait(for applications: [String], after dependencies: [String]) {
        let names = Array(Set(applications)).sorted()
        add(.wait, target: "applications", reasons: names.map { Reason(field: "health.\($0)", desired: "active/idle", observed: nil) },
            parameters: ["applications": .strings(names)], after: dependencies)
    }

    @discardableResult
    private mutating func add(_ kind: ChangeKind, target: String, reasons: [Reason], effect: Effect? = nil,
                              parameters: [String: ChangeParameter] = [:], after dependencies: [String]) -> String {
        let change = Change(address: JujuKinds.address(controller: environment.controller, model: environment.model, kind: kind, target: target),
                            kind: kind, effect: effect ?? JujuKinds.effect(of: kind), tenant: environment.tenant, environment: environment.id,
                            target: target, reasons: reasons, dependsOn: dependencies, parameters: parameters)
        actions.append(change)
        if change.effect == .delete { removals.insert(change.id) }
        return change.id
    }

    private func describe(_ application: DesiredApplication) -> String {
        var text = application.charm
        if let channel = application.channel { text += " \(channel)" }
        if let revision = application.revision { text += " r\(revision)" }
        if let units = application.units { text += " x\(units)" }
        return text
    }

    private func machineReason(_ group: MachineGroup, missing: Int, observed: Int) -> Reason {
        Reason(field: "machines[\(group.constraints ?? "")\(group.base.map { " " + $0 } ?? "")]",
               desired: String(group.count), observed: String(observed))
    }

    private func machineParameters(_ group: MachineGroup, count: Int) -> [String: ChangeParameter] {
        var parameters: [String: ChangeParameter] = ["count": .int(count)]
        if let constraints = group.constraints { parameters["constraints"] = .string(constraints) }
        if let base = group.base { parameters["base"] = .string(base) }
        return parameters
    }
}

enum MachinePlacement {
    /// `3/lxd/0` → `3`: the machine a unit's placement lives on.
    static func host(_ machine: String) -> String {
        String(machine.split(separator: "/").first ?? Substring(machine))
    }

    /// The existing machine a bundle placement names (`2`, `lxd:2`), if any.
    static func existingMachine(_ placement: String) -> String? {
        let machine = String(placement.split(separator: ":").last ?? "")
        return !machine.isEmpty && machine.allSatisfy(\.isNumber) ? machine : nil
    }

    /// Numeric order of machine ids (`2` before `10`).
    static func order(_ a: String, _ b: String) -> Bool {
        (Int(a) ?? Int.max, a) < (Int(b) ?? Int.max, b)
    }
}

enum UnitName {
    /// `magento/12` → 12.
    static func number(_ unit: String) -> Int {
        Int(unit.split(separator: "/").last ?? "") ?? 0
    }
}

enum ConfigComparison {
    /// Juju returns options typed by the charm's schema; manifests may write `"8"` for an int
    /// option. Compare the text forms, with numbers normalised.
    static func normalized(_ value: ConfigValue) -> String {
        switch value {
        case let .double(number) where number == number.rounded() && abs(number) < 1e15: return String(Int(number))
        default: return value.description
        }
    }
}
