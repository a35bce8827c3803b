/// `config`: read all options as Juju's JSON/YAML, read one value, or set/reset options.
enum ConfigCommand {
    static func run(_ context: inout CommandContext) throws {
        var positional = context.arguments.positional
        guard !positional.isEmpty else { throw SimError.usage("no application name specified") }
        let name = positional.removeFirst()
        let assignments = positional.filter { $0.contains("=") }
        let keys = positional.filter { !$0.contains("=") }
        let file = context.arguments.value("file")
        let reset = context.arguments.all("reset").flatMap { $0.split(separator: ",").map(String.init) }
        if !assignments.isEmpty || file != nil || !reset.isEmpty {
            guard keys.isEmpty else { throw SimError.usage("cannot get value and set key=value pairs simultaneously") }
            try set(name, assignments: assignments, file: file, reset: reset, context: &context)
            return
        }
        guard keys.count <= 1 else { throw SimError.usage("can only retrieve a single value, or all values") }
        let (model, _) = try context.readModel()
        guard let app = model.applications[name] else { throw SimError.applicationNotFound(name) }
        if let key = keys.first {
            guard let value = app.config[key] else {
                // Juju prints an empty line for an option without a value, and refuses unknown
                // ones; juju-sim has no schema, so a key nobody set reads as empty.
                context.output.print("")
                return
            }
            context.output.print(value.text)
            return
        }
        let document = render(app)
        switch try context.format(default: "yaml", allowed: ["json", "yaml"]) {
        case "json": context.output.print(document.compact)
        default: context.output.print(try YAMLWriter.text(document))
        }
    }

    /// Juju's shape: `{application, application-config, charm, settings}`. Options juju-sim
    /// knows are the ones someone set, so each reads `source: user`.
    static func render(_ app: SimApplication) -> JSONValue {
        let settings: [(String, JSONValue)] = app.config.keys.sorted().map { key in
            let value = app.config[key]!
            return (key, .object([("description", .string("\(key) (juju-sim has no charm schema)")),
                                  ("source", .string("user")), ("type", .string(value.typeName)), ("value", value.json)]))
        }
        let trust: JSONValue = .object([
            ("default", .bool(false)), ("description", .string("Does this application have access to trusted credentials")),
            ("source", .string(app.trust ? "user" : "default")), ("type", .string("bool")), ("value", .bool(app.trust)),
        ])
        return .object([("application", .string(app.name)), ("application-config", .object([("trust", trust)])),
                        ("charm", .string(app.charm)), ("settings", .object(settings))])
    }

    static func set(_ name: String, assignments: [String], file: String?, reset: [String], context: inout CommandContext) throws {
        let fromFile = try file.map { try ConfigFile.read($0, application: name, snap: SnapConfinement(settings: context.settings)) } ?? [:]
        let settle = context.settings.settleSeconds
        let now = context.now
        try context.updateModel { model, _ in
            guard let app = model.applications[name] else { throw SimError.applicationNotFound(name) }
            var values = fromFile
            for assignment in assignments {
                let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                if parts[0] == "trust" { model.applications[name]?.trust = parts[1] == "true"; continue }
                values[parts[0]] = ConfigScalar.parse(parts[1], like: app.config[parts[0]])
            }
            try model.configure(name, set: values, reset: reset, settle: settle, at: now)
        }
    }
}
