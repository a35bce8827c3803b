/// `refresh`, `remove-application`, `expose`, `unexpose`.
enum ApplicationCommands {
    static func refresh(_ context: inout CommandContext) throws {
        try context.arguments.expectAtMost(1)
        guard let name = context.arguments.positional.first else { throw SimError.usage("no application specified") }
        let revision = try context.arguments.value("revision").map { text -> Int in
            guard let number = Int(text) else { throw SimError.usage("invalid value \"\(text)\" for option --revision") }
            return number
        }
        let channel = context.arguments.value("channel")
        let switchTo = context.arguments.value("switch")
        // Juju checks this before it connects (refresh's Init): a usage error.
        if switchTo != nil, revision != nil { throw SimError.usage("--switch and --revision are mutually exclusive") }
        let settings = context.settings
        let now = context.now
        let (changed, app) = try context.updateModel { model, _ -> (Bool, SimApplication) in
            let changed = try model.refresh(name, switchTo: switchTo, channel: channel, revision: revision, settings: settings, at: now)
            return (changed, model.applications[name]!)
        }
        if changed {
            context.output.info("Added charm-hub charm \"\(app.charm)\", revision \(app.revision) in channel \(app.channel), to the model")
        } else if revision != nil {
            context.output.info("charm \"\(app.charm)\", revision \(app.revision): already up-to-date")
        } else {
            context.output.info("charm \"\(app.charm)\": already up-to-date")
        }
    }

    static func removeApplication(_ context: inout CommandContext) throws {
        let names = context.arguments.positional
        guard !names.isEmpty else { throw SimError.usage("no application specified") }
        var failures: [String] = []
        for name in names {
            do {
                let lines = try context.updateModel { model, _ in try model.removeApplication(name) }
                context.output.print("will remove application \(name)")
                for line in lines { context.output.print(line) }
            } catch let error as SimError where error.exitCode == 1 && error.message.hasPrefix("removing application") {
                // Juju reports each failed application and carries on with the others.
                failures.append(error.message)
            }
        }
        if !failures.isEmpty { throw SimError.failure(failures.joined(separator: "\nERROR ")) }
    }

    static func expose(_ context: inout CommandContext) throws { try setExposed(true, context: &context) }
    static func unexpose(_ context: inout CommandContext) throws { try setExposed(false, context: &context) }

    static func setExposed(_ exposed: Bool, context: inout CommandContext) throws {
        try context.arguments.expectAtMost(1)
        guard let name = context.arguments.positional.first else { throw SimError.usage("no application name specified") }
        try context.updateModel { model, _ in
            guard model.applications[name] != nil else { throw SimError.applicationNotFound(name) }
            model.applications[name]?.exposed = exposed
        }
    }
}
