/// `switch`: prints or changes the current controller and model.
enum SwitchCommand {
    static func run(_ context: inout CommandContext) throws {
        try context.arguments.expectAtMost(1)
        guard let target = context.arguments.positional.first else {
            let state = try context.store.readIndex()
            guard let controller = state.currentController else { throw CommandContext.noControllers }
            context.output.print("\(controller):admin/\(state.controllers[controller]?.currentModel ?? "")")
            return
        }
        let line = try context.store.transaction(exclusive: true) { transaction -> String in
            // Changed on a copy and stored only once the whole target proved valid.
            var state = transaction.state
            let parts = target.split(separator: ":", maxSplits: 1).map(String.init)
            let previous = state.currentController.map { "\($0):admin/\(state.controllers[$0]?.currentModel ?? "")" } ?? "(none)"
            if parts.count == 2 || state.controllers[target] != nil {
                let controllerName = parts[0]
                guard state.controllers[controllerName] != nil else { throw SimError.failure("controller \(controllerName) not found") }
                state.currentController = controllerName
                if parts.count == 2 {
                    let model = CommandContext.unqualified(parts[1])
                    guard state.controllers[controllerName]?.models[model] != nil else {
                        throw SimError.modelNotFound(controller: controllerName, model: model)
                    }
                    state.controllers[controllerName]?.currentModel = model
                }
            } else {
                guard let controllerName = state.currentController else { throw CommandContext.noControllers }
                let model = CommandContext.unqualified(target)
                guard state.controllers[controllerName]?.models[model] != nil else {
                    throw SimError.modelNotFound(controller: controllerName, model: model)
                }
                state.controllers[controllerName]?.currentModel = model
            }
            transaction.state = state
            let controller = state.currentController!
            return "\(previous) -> \(controller):admin/\(state.controllers[controller]?.currentModel ?? "")"
        }
        context.output.info(line)
    }
}
