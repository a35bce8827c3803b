import Foundation

/// `models`, `add-model`, `destroy-model`.
enum ModelCommands {
    static func models(_ context: inout CommandContext) throws {
        try context.arguments.expectAtMost(0)
        let format = try context.format(default: "tabular", allowed: ["json", "yaml", "tabular"])
        let state = try context.store.readIndex()
        let name = try context.controllerName(in: state)
        let controller = state.controllers[name]!
        let infos = controller.models.values.sorted { $0.name < $1.name }
        var root = JSONObject()
        root.set("models", .array(infos.map { summary($0, controller: controller) }))
        root.set("current-model", controller.currentModel)
        switch format {
        case "json": context.output.print(root.value.compact)
        case "yaml": context.output.print(try YAMLWriter.text(root.value))
        default:
            context.output.print("Controller: \(name)\n")
            context.output.print("Model  Cloud/Region  Type  Status  Access  Last connection")
            for info in infos {
                let marker = info.name == controller.currentModel ? "*" : ""
                context.output.print("\(info.name)\(marker)  \(controller.cloud)/\(controller.region)  \(controller.cloudType)  available  admin  just now")
            }
        }
    }

    /// One entry of `juju models --format=json` (Juju 3.6's `ModelSummary`).
    static func summary(_ model: SimModelInfo, controller: SimController) -> JSONValue {
        var item = JSONObject()
        item.set("name", "admin/\(model.name)")
        item.set("short-name", model.name)
        item.set("model-uuid", model.uuid)
        item.set("model-type", model.type)
        item.set("controller-uuid", controller.uuid)
        item.set("controller-name", controller.name)
        item.set("is-controller", .bool(model.isController))
        item.set("owner", "admin")
        item.set("cloud", model.cloud ?? controller.cloud)
        item.set("region", model.region ?? controller.region)
        item.set("credential", .object([("name", .string(model.credential ?? controller.cloud)), ("owner", .string("admin")),
                                        ("cloud", .string(model.cloud ?? controller.cloud))]))
        item.set("type", controller.cloudType)
        item.set("life", model.dyingUntil == nil ? "alive" : "dying")
        item.set("status", .object([("current", .string(model.dyingUntil == nil ? "available" : "destroying")),
                                    ("since", .string(SimClock.since(model.dyingUntil ?? model.createdAt)))]))
        item.set("access", "admin")
        item.set("last-connection", "just now")
        item.set("agent-version", controller.agentVersion)
        return item.value
    }

    static func addModel(_ context: inout CommandContext) throws {
        try context.arguments.expectAtMost(2)
        guard let name = context.arguments.positional.first else { throw SimError.usage("model name is required") }
        guard name.range(of: "^[a-z0-9]+[a-z0-9-]*$", options: .regularExpression) != nil, !name.hasSuffix("-") else {
            throw SimError.failure("\"\(name)\" is not a valid name: model names may only contain lowercase letters, digits and hyphens")
        }
        let now = context.now
        let switchTo = !context.arguments.flag("no-switch")
        let arguments = context.arguments
        let environment = context.environment
        let placement = arguments.positional.count == 2 ? arguments.positional[1].split(separator: "/", maxSplits: 1).map(String.init) : []
        let (controller, model) = try context.store.transaction(exclusive: true) { transaction -> (SimController, SimModel) in
            guard let controllerName = arguments.value("c", "controller") ?? environment["JUJU_CONTROLLER"]
                ?? transaction.state.currentController else {
                throw CommandContext.noControllers
            }
            guard let controller = transaction.state.controllers[controllerName] else {
                throw SimError.failure("controller \(controllerName) not found")
            }
            guard controller.models[name] == nil else {
                throw SimError.failure("failed to create new model: model \"\(name)\" for admin already exists")
            }
            // A controller here serves the cloud it was bootstrapped on; any region of it is accepted.
            if let cloud = placement.first, cloud != controller.cloud, cloud != controller.region {
                throw SimError.failure("cloud \"\(cloud)\" not found\n\nUse 'juju clouds' to see a list of clouds the controller knows.")
            }
            var model = SimModel(name: name, uuid: SimAddress.uuid("model/\(controllerName)/\(name)/\(now)"),
                                 type: controller.modelType, createdAt: now)
            model.cloud = controller.cloud
            model.region = placement.count == 2 ? placement[1] : (placement.first == controller.region ? controller.region : nil)
            model.credential = arguments.value("credential")
            transaction.setModel(model, name: name, controller: controllerName)
            if switchTo { transaction.state.controllers[controllerName]?.currentModel = name }
            return (controller, model)
        }
        context.output.info("Added '\(name)' model on \(controller.cloud)/\(model.region ?? controller.region) with credential '\(model.credential ?? controller.cloud)' for user 'admin'")
    }

    static func destroyModel(_ context: inout CommandContext) throws {
        try context.arguments.expectAtMost(1)
        guard let target = context.arguments.positional.first else { throw SimError.usage("no model specified") }
        if !context.arguments.flag("no-prompt", "y") {
            context.output.info("WARNING This command will destroy the \"\(target)\" model and affect the following resources.")
            FileHandle.standardError.write(Data("\nContinue [y/N]? ".utf8))
            let answer = readLine() ?? ""
            guard ["y", "yes"].contains(answer.lowercased()) else { throw SimError.failure("model destruction: aborted") }
        }
        // The target reads like a `-m` argument (`ctrl:model`, `model`, `ctrl:admin/model`).
        var scoped = context
        scoped.arguments = try Arguments(["-m", target], spec: .model)
        // Juju marks the model dying and waits until its machines and storage are gone: the model
        // stays listed (`life: dying`) meanwhile, and a killed destroy-model does not stop it.
        let gone = context.now + context.settings.destroySeconds
        let deadline = try context.store.transaction(exclusive: true) { transaction -> Double in
            let (controllerName, modelName) = try scoped.modelReference(in: transaction.state)
            guard let info = transaction.state.controllers[controllerName]?.models[modelName],
                  var model = try transaction.model(controller: controllerName, name: modelName) else {
                throw SimError.modelNotFound(controller: controllerName, model: modelName)
            }
            if info.isController {
                throw SimError.failure("cannot destroy the controller model; use \"juju destroy-controller\"")
            }
            model.dyingUntil = min(model.dyingUntil ?? gone, gone)
            transaction.setModel(model, name: modelName, controller: controllerName)
            if transaction.state.controllers[controllerName]?.currentModel == modelName {
                transaction.state.controllers[controllerName]?.currentModel = nil
            }
            return model.dyingUntil!
        }
        context.output.info("Destroying model")
        context.output.info("Waiting for model to be removed...")
        let wait = deadline - SimClock.now()
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        // The next transaction drops it (StateStore removes models whose time has come).
        _ = try context.store.transaction(exclusive: true) { _ in }
        context.output.info("Model destroyed.")
    }
}
