/// `add-unit`, `remove-unit`, `scale-application`.
enum UnitCommands {
    static func addUnit(_ context: inout CommandContext) throws {
        try context.arguments.expectAtMost(1)
        guard let name = context.arguments.positional.first else { throw SimError.usage("no application specified") }
        let count = try context.arguments.int("n", "num-units", default: 1)
        guard count > 0 else { throw SimError.usage("--num-units must be a positive integer") }
        let placements = context.arguments.value("to").map { $0.split(separator: ",").map(String.init) } ?? []
        let now = context.now
        try context.updateModel { model, _ in
            if model.isKubernetes, !placements.isEmpty {
                throw SimError.failure("k8s models only support --num-units")
            }
            try model.addUnits(to: name, count: count, placements: placements, at: now)
        }
    }

    static func removeUnit(_ context: inout CommandContext) throws {
        let names = context.arguments.positional
        let numUnits = try context.arguments.int("num-units", default: 0)
        let now = context.now
        let (kubernetes, removed, failures) = try context.updateModel { model, _ -> (Bool, [String], [String]) in
            if model.isKubernetes {
                guard names.count == 1 else { throw SimError.failure(names.isEmpty ? "no application specified" : "only single application supported") }
                if names[0].contains("/") {
                    throw SimError.failure("k8s models do not support removing named units.\nInstead specify an application with --num-units.")
                }
                guard numUnits > 0 else { throw SimError.failure("specify the number of units (> 0) to remove using --num-units") }
                guard let app = model.applications[names[0]] else { throw SimError.applicationNotFound(names[0]) }
                try model.scale(names[0], to: max(0, app.units.count - numUnits), at: now)
                return (true, [], [])
            }
            if numUnits != 0 { throw SimError.failure("--num-units for non k8s models not valid") }
            guard !names.isEmpty else { throw SimError.failure("no units specified") }
            for name in names where name.split(separator: "/").count != 2 || Int(name.split(separator: "/")[1]) == nil {
                throw SimError.failure("invalid unit name \"\(name)\"")
            }
            var removed: [String] = []
            var failures: [String] = []
            for name in names {
                do {
                    try model.removeUnit(name)
                    removed.append(name)
                } catch let error as SimError {
                    failures.append(error.message)
                }
            }
            return (false, removed, failures)
        }
        if kubernetes, let app = names.first {
            let remaining = try context.readModel().0.applications[app]?.units.count ?? 0
            context.output.info("scaling down to \(remaining) units")
        }
        for name in removed { context.output.print("will remove unit \(name)") }
        if !failures.isEmpty { throw SimError.failure(failures.joined(separator: "\nERROR ")) }
    }

    static func scaleApplication(_ context: inout CommandContext) throws {
        try context.arguments.expectAtMost(2)
        guard context.arguments.positional.count == 2 else {
            throw SimError.usage(context.arguments.positional.isEmpty ? "no application name specified" : "no scale specified")
        }
        let name = context.arguments.positional[0]
        guard let scale = Int(context.arguments.positional[1]), scale >= 0 else {
            throw SimError.usage("invalid scale \"\(context.arguments.positional[1])\": must be a positive integer")
        }
        let now = context.now
        try context.updateModel { model, _ in
            guard model.isKubernetes else {
                throw SimError.failure("Juju command \"scale-application\" only supported on k8s container models")
            }
            try model.scale(name, to: scale, at: now)
        }
        context.output.info("\(name) scaled to \(scale) units")
    }
}
