import Yams

/// Decodes Juju bundles, with the field names of Juju's own bundle schema.
///
/// Unknown keys are errors like everywhere else, except keys starting with `_`, which published
/// bundles use for their own bookkeeping (`_github_repo_name`) and Juju ignores.
enum BundleDecoder {
    static let topLevelKeys = [
        "bundle", "applications", "services", "machines", "saas", "relations", "series", "default-base",
        "description", "name", "tags", "variables", "docs", "issues", "source", "website",
    ]
    static let applicationKeys = [
        "charm", "channel", "revision", "num_units", "scale", "to", "placement", "options", "expose",
        "exposed-endpoints", "constraints", "base", "series", "trust", "storage", "devices", "resources",
        "bindings", "annotations", "offers", "plan",
    ]
    static let passthroughKeys: Set<String> = ["storage", "devices", "resources", "bindings", "annotations", "offers", "plan", "exposed-endpoints"]

    static func decode(_ file: YAMLFile, name: String, sink: DiagnosticSink, requireVaultForSecrets: Bool = true) -> Bundle? {
        guard !file.documents.isEmpty else {
            sink.error("file is empty; expected a Juju bundle", at: .start(of: file.path))
            return nil
        }
        var bundle = Bundle(name: Located(name, at: .start(of: file.path)), file: file.path, isKubernetes: false,
                            defaultBase: nil, series: nil, applications: [:], applicationOrder: [], machines: [:],
                            relations: [], saas: [:])
        // Later documents are overlays, as in `juju deploy bundle.yaml` with an embedded overlay.
        for (index, document) in file.documents.enumerated() {
            let root = Field(node: document, path: "", file: file.path, sink: sink)
            apply(root, to: &bundle, isOverlay: index > 0, requireVaultForSecrets: requireVaultForSecrets)
        }
        checkRelations(bundle, sink: sink)
        // After every document: an overlay may define the machines its placements name.
        if !bundle.isKubernetes { Placement.check(bundle, sink: sink) }
        return bundle
    }

    private static func apply(_ root: Field, to bundle: inout Bundle, isOverlay: Bool, requireVaultForSecrets: Bool) {
        guard let map = root.mapping(allowed: topLevelKeys, context: "a Juju bundle", tolerate: { $0.hasPrefix("_") }) else { return }
        if let type = map.optional("bundle")?.string() {
            if type.value == "kubernetes" { bundle.isKubernetes = true }
            else { map.optional("bundle")?.error("'\(type.value)' is not a bundle type; Juju knows 'kubernetes'") }
        }
        if map.has("applications"), map.has("services") {
            map.optional("services")?.error("'services' is the old name of 'applications'; use only one of them")
        }
        bundle.defaultBase = map.optional("default-base")?.string()?.value ?? bundle.defaultBase
        bundle.series = map.optional("series")?.string()?.value ?? bundle.series

        for (name, field) in (map.optional("applications") ?? map.optional("services"))?.dictionary() ?? [] {
            if field.node.isNull {
                // In an overlay, an application with no body removes it from the base bundle.
                if isOverlay { bundle.applications[name.value] = nil; bundle.applicationOrder.removeAll { $0 == name.value } }
                else { field.error("application '\(name.value)' has no definition; expected a mapping with at least 'charm'") }
                continue
            }
            let existing = bundle.applications[name.value]
            if let application = decodeApplication(name: name, field: field, base: existing,
                                                   requireVaultForSecrets: requireVaultForSecrets) {
                if existing == nil { bundle.applicationOrder.append(name.value) }
                bundle.applications[name.value] = application
            }
        }
        for (id, field) in map.optional("machines")?.dictionary() ?? [] {
            if Int(id.value) == nil || Int(id.value)! < 0 {
                field.sink.error("\(field.path): machine ids in a bundle are numbers like '0', got '\(id.value)'", at: id.location, field: field.path)
            }
            if field.node.isNull { bundle.machines[id.value] = BundleMachine(); continue }
            guard let machine = field.mapping(allowed: ["constraints", "base", "series", "annotations"], context: "a bundle machine") else { continue }
            bundle.machines[id.value] = BundleMachine(constraints: machine.optional("constraints")?.string()?.value,
                                                      base: machine.optional("base")?.string()?.value,
                                                      series: machine.optional("series")?.string()?.value)
        }
        for (name, field) in map.optional("saas")?.dictionary() ?? [] {
            guard let saas = field.mapping(allowed: ["url"], context: "a SAAS entry"),
                  let url = saas.required("url", expected: "an offer URL")?.string() else { continue }
            bundle.saas[name.value] = url.value
        }
        for relation in map.optional("relations")?.sequence() ?? [] {
            guard let endpoints = relation.stringList() else { continue }
            if endpoints.count != 2 {
                relation.error("a relation joins two endpoints, got \(endpoints.count)")
                continue
            }
            bundle.relations.append(endpoints)
        }
    }

    /// Relations may only join the bundle's applications and its `saas` offers.
    private static func checkRelations(_ bundle: Bundle, sink: DiagnosticSink) {
        let known = Set(bundle.applicationOrder).union(bundle.saas.keys)
        for endpoints in bundle.relations {
            for endpoint in endpoints {
                let application = String(endpoint.value.split(separator: ":", maxSplits: 1).first ?? "")
                if !known.contains(application) {
                    sink.error("relations: '\(endpoint.value)' names '\(application)', which is neither an application nor a saas entry of this bundle\(Suggestion.hint(for: application, in: known.sorted()))",
                               at: endpoint.location, field: "relations")
                }
            }
        }
    }

    private static func decodeApplication(name: Located<String>, field: Field, base: BundleApplication?,
                                          requireVaultForSecrets: Bool) -> BundleApplication? {
        guard let map = field.mapping(allowed: applicationKeys, context: "bundle application '\(name.value)'",
                                      tolerate: { $0.hasPrefix("_") }) else { return nil }
        let charm = (base == nil ? map.required("charm", expected: "a charm name") : map.optional("charm"))?.nonEmptyString()
        guard let charmName = charm?.value ?? base?.charm else { return nil }
        var application = base ?? BundleApplication(
            name: name, charm: charmName, channel: nil, revision: nil, units: nil, to: [], options: [:],
            expose: false, constraints: nil, base: nil, series: nil, trust: false, passthrough: [:])
        application.charm = charmName
        if let field = map.optional("channel"), let channel = field.nonEmptyString() {
            if let problem = CharmChannel.problem(channel.value) {
                field.error("'\(channel.value)' is not a charm channel: it \(problem)")
            }
            application.channel = channel.value
        }
        if let field = map.optional("revision"), let revision = field.nonNegativeInt(),
           field.within(revision, max: Bounds.revision, what: "a revision") {
            application.revision = revision.value
            if application.channel == nil {
                field.error("revision \(revision.value) needs a channel: Juju refuses a bundle that pins a revision without one (set 'channel', e.g. latest/stable, for future upgrades)")
            }
        }
        if map.has("num_units"), map.has("scale") {
            map.optional("scale")?.error("set either num_units or scale, not both")
        }
        if let field = map.optional("num_units") ?? map.optional("scale"), let units = field.nonNegativeInt(),
           field.within(units, max: Bounds.units, what: "a number of units") {
            application.units = units.value
        }
        if let placement = map.optional("to") ?? map.optional("placement") {
            if case .scalar = placement.node { application.placements = placement.string().map { [$0] } ?? [] }
            else { application.placements = placement.sequence()?.compactMap { item in
                // Juju accepts bare machine numbers in `to:` lists.
                if item.node.tagName == .int, let number = item.node.int { return Located(String(number), at: item.location) }
                return item.string()
            } ?? [] }
            application.to = application.placements.map(\.value)
        }
        if let options = map.optional("options")?.configMap(requireVaultForSecrets: requireVaultForSecrets) {
            application.options.merge(options) { _, new in new }
        }
        if let expose = map.optional("expose")?.bool() { application.expose = expose.value }
        if let trust = map.optional("trust")?.bool() { application.trust = trust.value }
        application.constraints = map.optional("constraints")?.string()?.value ?? application.constraints
        application.base = map.optional("base")?.string()?.value ?? application.base
        application.series = map.optional("series")?.string()?.value ?? application.series
        for key in passthroughKeys {
            if let value = map.optional(key) { application.passthrough[key] = RawValue(value.node) }
        }
        return application
    }
}
