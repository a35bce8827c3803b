/// Applications: deploy, refresh, configure, remove.
extension SimModel {
    struct DeploySpec {
        var name: String
        var charm: String
        var channel: String?
        var revision: Int?
        var units: Int
        var placements: [String] = []
        var base: String?
        var constraints: String?
        var config: [String: ConfigScalar] = [:]
        var trust = false
        var expose = false
    }

    mutating func deploy(_ spec: DeploySpec, settings: SimSettings, at now: Double) throws -> SimApplication {
        guard applications[spec.name] == nil else {
            throw SimError.failure("cannot add application \"\(spec.name)\": application already exists")
        }
        guard saas[spec.name] == nil else {
            throw SimError.failure("cannot add application \"\(spec.name)\": saas application with same name already exists")
        }
        let channel = CharmStore.normalizedChannel(spec.channel)
        let subordinate = !isKubernetes && CharmStore.isSubordinate(spec.charm, settings: settings)
        let app = SimApplication(
            name: spec.name, charm: spec.charm, channel: channel,
            revision: spec.revision ?? CharmStore.latestRevision(charm: spec.charm, channel: channel, settings: settings),
            base: spec.base ?? CharmStore.defaultBase, exposed: spec.expose, trust: spec.trust,
            constraints: Constraints.normalized(spec.constraints), subordinate: subordinate, config: spec.config,
            createdAt: now)
        applications[spec.name] = app
        if !subordinate, spec.units > 0 {
            try addUnits(to: spec.name, count: spec.units, placements: spec.placements, at: now)
        }
        return applications[spec.name]!
    }

    /// Switches channel and/or revision; settled units then run `upgrade-charm`.
    /// Returns false when the application already runs that charm revision in that channel.
    /// `switchTo` replaces the charm (`refresh --switch`), on the latest revision of the channel.
    mutating func refresh(_ name: String, switchTo: String? = nil, channel: String?, revision: Int?, settings: SimSettings,
                          at now: Double) throws -> Bool {
        guard var app = applications[name] else { throw SimError.applicationNotFound(name) }
        let newCharm = switchTo.map(CharmStore.charmName) ?? app.charm
        let newChannel = channel.map(CharmStore.normalizedChannel) ?? app.channel
        let newRevision = revision ?? CharmStore.latestRevision(charm: newCharm, channel: newChannel, settings: settings)
        guard newCharm != app.charm || newChannel != app.channel || newRevision != app.revision else { return false }
        app.charm = newCharm
        app.channel = newChannel
        app.revision = newRevision
        applications[name] = app
        touchUnits(of: name, change: .upgrade, settle: settings.settleSeconds, at: now)
        return true
    }

    /// Sets and resets options; units run `config-changed` only when a value really changed.
    mutating func configure(_ name: String, set values: [String: ConfigScalar], reset: [String], settle: Double, at now: Double) throws {
        guard var app = applications[name] else { throw SimError.applicationNotFound(name) }
        let before = app.config
        for (key, value) in values { app.config[key] = value }
        for key in reset { app.config[key] = nil }
        applications[name] = app
        if app.config != before { touchUnits(of: name, change: .config, settle: settle, at: now) }
    }

    /// Marks a change on every settled unit of the application; a unit
    /// still installing picks the change up with its installation.
    mutating func touchUnits(of name: String, change: SimUnit.Change, settle: Double, at now: Double) {
        guard var app = applications[name] else { return }
        for (unitName, var unit) in app.units where now >= unit.createdAt + settle {
            unit.changedAt = now
            unit.change = change
            app.units[unitName] = unit
        }
        applications[name] = app
    }

    mutating func removeApplication(_ name: String) throws -> [String] {
        guard let app = applications[name] else {
            if saas.removeValue(forKey: name) != nil {
                relations.removeAll { $0.involves(name) }
                return []
            }
            throw SimError.failure("removing application \(name) failed: application \"\(name)\" not found")
        }
        let machinesBefore = Set(machines.keys)
        let unitNames = app.sortedUnits.map(\.name)
        for relation in relations where relation.involves(name) {
            try removeRelation(relation.endpoints[0].description, relation.endpoints[1].description)
        }
        if !app.subordinate {
            for unit in unitNames { try removeUnit(unit) }
        }
        applications[name] = nil
        let removedMachines = machinesBefore.subtracting(machines.keys).sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }
        return unitNames.map { "- will remove unit \($0)" } + removedMachines.map { "- will remove machine \($0)" }
    }
}
