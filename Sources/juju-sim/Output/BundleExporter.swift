/// `juju export-bundle` of a model, in Juju 3.6's layout: model machine ids are the bundle's
/// machine ids, units are placed with `to:`, and only options someone set are written.
struct BundleExporter {
    let model: SimModel

    func export() -> JSONValue {
        let applications = model.applications.values.sorted { $0.name < $1.name }
        let bases = applications.map(\.base)
        let defaultBase = Dictionary(grouping: bases, by: { $0 }).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key
            ?? CharmStore.defaultBase
        var root = JSONObject()
        if model.isKubernetes { root.set("bundle", "kubernetes") }
        if !model.isKubernetes { root.set("default-base", "\(defaultBase)/stable") }
        if !model.saas.isEmpty {
            root.set("saas", .object(model.saas.keys.sorted().map { ($0, .object([("url", .string(model.saas[$0]!))])) }))
        }
        root.set("applications", .object(applications.map { ($0.name, application($0, defaultBase: defaultBase)) }))
        let machines = model.machines.values.filter { !$0.isContainer }.sorted { ($0.id.count, $0.id) < ($1.id.count, $1.id) }
        if !machines.isEmpty && !model.isController {
            root.set("machines", .object(machines.map { machine in
                var block = JSONObject()
                block.set("constraints", machine.constraints)
                if machine.base != defaultBase { block.set("base", "\(machine.base)/stable") }
                return (machine.id, block.value)
            }))
        }
        let relations = model.relations.map { $0.endpoints.map(\.description) }.sorted { $0.joined() < $1.joined() }
        if !relations.isEmpty { root.set("relations", .array(relations.map { .array($0.map(JSONValue.string)) })) }
        return root.value
    }

    func application(_ app: SimApplication, defaultBase: String) -> JSONValue {
        var block = JSONObject()
        block.set("charm", app.charm)
        block.set("channel", app.channel)
        block.set("revision", .int(app.revision))
        if app.base != defaultBase, !model.isKubernetes { block.set("base", "\(app.base)/stable") }
        if !app.subordinate, !app.units.isEmpty {
            block.set(model.isKubernetes ? "scale" : "num_units", .int(app.units.count))
        }
        if !model.isKubernetes, !app.subordinate, !app.units.isEmpty {
            block.set("to", .array(app.sortedUnits.compactMap(\.machine).map { machine in
                let parts = machine.split(separator: "/")
                return .string(parts.count == 3 ? "\(parts[1]):\(parts[0])" : machine)
            }))
        }
        if app.exposed { block.set("expose", .bool(true)) }
        if !app.config.isEmpty { block.set("options", .object(app.config.keys.sorted().map { ($0, app.config[$0]!.json) })) }
        block.set("constraints", app.constraints)
        if app.trust { block.set("trust", .bool(true)) }
        return block.value
    }
}
