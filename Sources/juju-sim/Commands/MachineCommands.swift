/// `add-machine` and `remove-machine` (IaaS models only, as in Juju).
enum MachineCommands {
    static func iaasOnly(_ model: SimModel, command: String) throws {
        if model.isKubernetes { throw SimError.failure("Juju command \"\(command)\" not supported on k8s models") }
    }

    static func addMachine(_ context: inout CommandContext) throws {
        try context.arguments.expectAtMost(1)
        let count = try context.arguments.int("n", default: 1)
        guard count > 0 else { throw SimError.usage("--num-machines must be a positive integer") }
        let arguments = context.arguments
        let now = context.now
        let base = CharmStore.base(arguments.value("base"), series: arguments.value("series")) ?? CharmStore.defaultBase
        let created = try context.updateModel { model, _ -> [String] in
            try iaasOnly(model, command: "add-machine")
            return try (0..<count).map { _ in
                if let placement = arguments.positional.first {
                    return try model.place(placement, base: base, constraints: arguments.value("constraints"), at: now)
                }
                return model.addMachine(base: base, constraints: arguments.value("constraints"), at: now)
            }
        }
        for id in created { context.output.info("created \(id.contains("/") ? "container" : "machine") \(id)") }
    }

    static func removeMachine(_ context: inout CommandContext) throws {
        let ids = context.arguments.positional
        guard !ids.isEmpty else { throw SimError.usage("no machines specified") }
        let force = context.arguments.flag("force")
        let removed = try context.updateModel { model, _ -> [String] in
            try iaasOnly(model, command: "remove-machine")
            var removed: [String] = []
            for id in ids {
                try model.removeMachine(id, force: force)
                removed.append(id)
            }
            return removed
        }
        for id in removed { context.output.print("will remove machine \(id)") }
    }
}
