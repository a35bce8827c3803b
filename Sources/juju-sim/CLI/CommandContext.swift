import Foundation

/// What a command runs with: its parsed arguments, the settings, the store, the output, and
/// the time of the call (one instant for the whole command, so a deploy's units share it).
struct CommandContext {
    var arguments: Arguments
    let settings: SimSettings
    let store: StateStore
    var output = Output()
    let now: Double
    let environment: [String: String]

    /// The `-m`/`--model` argument, else `JUJU_MODEL`, else the current model, split into
    /// controller and model names. `admin/` qualifiers are accepted and dropped (one user).
    func modelReference(in state: SimState) throws -> (controller: String, model: String) {
        let explicit = arguments.value("m", "model") ?? environment["JUJU_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
        var controllerName: String?
        var modelName: String?
        if let explicit {
            let parts = explicit.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2 { controllerName = parts[0]; modelName = parts[1] } else { modelName = parts[0] }
        }
        guard let controller = controllerName ?? environment["JUJU_CONTROLLER"] ?? state.currentController else {
            throw Self.noControllers
        }
        guard let current = state.controllers[controller] else { throw SimError.failure("controller \(controller) not found") }
        guard let model = modelName ?? current.currentModel else {
            throw SimError.failure("no model in focus\n\nPlease use \"juju models\" to see models available to you.\nYou can set current model by running \"juju switch\"\nor specify any other model on the command line using the \"-m\" option.")
        }
        return (controller, Self.unqualified(model))
    }

    static func unqualified(_ model: String) -> String {
        model.split(separator: "/").last.map(String.init) ?? model
    }

    static let noControllers = SimError.failure("""
        No controllers registered.

        Please either create a new controller using "juju bootstrap" or connect to
        another controller that you have been given access to using "juju register".
        """)

    /// Runs `body` on the selected model under the state lock, saving its changes.
    func updateModel<T>(_ body: (inout SimModel, SimController) throws -> T) throws -> T {
        try store.transaction(exclusive: true) { transaction in
            let (controller, name) = try modelReference(in: transaction.state)
            guard let owner = transaction.state.controllers[controller],
                  var model = try transaction.model(controller: controller, name: name) else {
                throw SimError.modelNotFound(controller: controller, model: name)
            }
            defer { transaction.setModel(model, name: name, controller: controller) }
            return try body(&model, owner)
        }
    }

    /// Reads the selected model under a shared lock.
    func readModel() throws -> (SimModel, SimController) {
        try store.transaction(exclusive: false) { transaction in
            let (controller, name) = try modelReference(in: transaction.state)
            guard let owner = transaction.state.controllers[controller],
                  let model = try transaction.model(controller: controller, name: name) else {
                throw SimError.modelNotFound(controller: controller, model: name)
            }
            return (model, owner)
        }
    }

    /// `-c`/`--controller`, else the current controller.
    func controllerName(in state: SimState) throws -> String {
        guard let name = arguments.value("c", "controller") ?? environment["JUJU_CONTROLLER"] ?? state.currentController else {
            throw Self.noControllers
        }
        guard state.controllers[name] != nil else { throw SimError.failure("controller \(name) not found") }
        return name
    }

    func format(default fallback: String, allowed: Set<String>) throws -> String {
        let format = arguments.value("format") ?? fallback
        guard allowed.contains(format) else {
            throw SimError.usage("invalid value \"\(format)\" for option --format: unknown format \"\(format)\"")
        }
        return format
    }
}
