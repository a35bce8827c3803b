import Yams

/// A bundle as `juju deploy` reads it: applications, machines, relations, consumed offers,
/// with overlays as later YAML documents. Keys juju-sim does not simulate (storage,
/// resources, bindings, annotations, `_private` keys…) are accepted and ignored.
struct BundleFile {
    var isKubernetes = false
    var defaultBase: String?
    var series: String?
    var applications: [(name: String, app: Application)] = []
    var machines: [(id: String, machine: Machine)] = []
    var relations: [[String]] = []
    var saas: [String: String] = [:]

    struct Application {
        var charm: String
        var channel: String?
        var revision: Int?
        var units: Int?
        var to: [String] = []
        var options: [String: ConfigScalar] = [:]
        var expose = false
        var trust = false
        var constraints: String?
        var base: String?
        var series: String?
    }

    struct Machine {
        var constraints: String?
        var base: String?
        var series: String?
    }

    init(yaml text: String) throws {
        let documents: [Node]
        do {
            // The sequence stops at the first bad document and keeps the error aside.
            var sequence = try Yams.compose_all(yaml: text)
            var nodes: [Node] = []
            while let node = sequence.next() { nodes.append(node) }
            if let error = sequence.error { throw error }
            documents = nodes
        } catch {
            throw SimError.failure("cannot deploy bundle: invalid bundle data: \(error)")
        }
        guard let first = documents.first, first.mapping != nil else {
            throw SimError.failure("cannot deploy bundle: bundle is empty or not a YAML mapping")
        }
        for (index, document) in documents.enumerated() { try apply(document, isOverlay: index > 0) }
    }

    private mutating func apply(_ document: Node, isOverlay: Bool) throws {
        guard let root = document.mapping else { return }
        if root["bundle"]?.string == "kubernetes" { isKubernetes = true }
        defaultBase = root["default-base"]?.string ?? defaultBase
        series = root["series"]?.string ?? series
        for (key, value) in (root["applications"] ?? root["services"])?.mapping ?? [:] {
            guard let name = key.string else { continue }
            let index = applications.firstIndex { $0.name == name }
            if value.mapping == nil {
                // An overlay entry with no body removes the application from the base bundle.
                if isOverlay, let index { applications.remove(at: index) }
                continue
            }
            let merged = try Self.application(name: name, value, base: index.map { applications[$0].app })
            if let index { applications[index].app = merged } else { applications.append((name, merged)) }
        }
        for (key, value) in root["machines"]?.mapping ?? [:] {
            guard let id = key.string else { continue }
            let machine = Machine(constraints: value["constraints"]?.string, base: value["base"]?.string,
                                  series: value["series"]?.string)
            if let index = machines.firstIndex(where: { $0.id == id }) { machines[index].machine = machine }
            else { machines.append((id, machine)) }
        }
        for relation in root["relations"]?.sequence ?? [] {
            let ends = relation.sequence?.compactMap(\.string) ?? []
            guard ends.count == 2 else { throw SimError.failure("cannot deploy bundle: a relation joins two endpoints, got \(ends)") }
            relations.append(ends)
        }
        for (key, value) in root["saas"]?.mapping ?? [:] {
            if let name = key.string, let url = value["url"]?.string { saas[name] = url }
        }
    }

    /// Juju's bundle checks that juju-sim reproduces (charm/bundledata.go's verifier), reported
    /// as `juju deploy` does: the first problem, and how many more.
    func verify() throws {
        var problems: [String] = []
        for (name, app) in applications where app.revision != nil && app.channel == nil {
            problems.append("application \"\(name)\" with a revision requires a channel for future upgrades, please use channel")
        }
        guard let first = problems.first else { return }
        throw SimError.failure("cannot deploy bundle: " + first + (problems.count > 1 ? " (and \(problems.count - 1) more errors)" : ""))
    }

    private static func application(name: String, _ node: Node, base: Application?) throws -> Application {
        guard let charm = node["charm"]?.string ?? base?.charm else {
            throw SimError.failure("cannot deploy bundle: application \"\(name)\" has no charm")
        }
        var app = base ?? Application(charm: charm)
        app.charm = CharmStore.charmName(charm)
        app.channel = node["channel"]?.string ?? app.channel
        app.revision = node["revision"]?.int ?? app.revision
        app.units = (node["num_units"] ?? node["scale"])?.int ?? app.units
        if let to = node["to"] ?? node["placement"] {
            app.to = to.sequence?.compactMap(\.string) ?? to.string.map { [$0] } ?? []
        }
        for (key, value) in node["options"]?.mapping ?? [:] {
            guard let option = key.string, let scalar = Self.scalar(value) else { continue }
            app.options[option] = scalar
        }
        app.expose = node["expose"]?.bool ?? app.expose
        app.trust = node["trust"]?.bool ?? app.trust
        app.constraints = node["constraints"]?.string ?? app.constraints
        app.base = node["base"]?.string ?? app.base
        app.series = node["series"]?.string ?? app.series
        return app
    }

    static func scalar(_ node: Node) -> ConfigScalar? {
        guard case let .scalar(scalar) = node else { return nil }
        switch node.tag.description {
        case Tag.Name.null.rawValue: return nil
        case Tag.Name.bool.rawValue: return node.bool.map(ConfigScalar.bool)
        case Tag.Name.int.rawValue: return node.int.map(ConfigScalar.int)
        case Tag.Name.float.rawValue: return node.float.map(ConfigScalar.double)
        default: return .string(scalar.string)
        }
    }
}
