import Foundation

/// `bootstrap` and `controllers`.
enum ControllerCommands {
    /// Clouds whose controllers run on Kubernetes (and whose models are therefore `caas`).
    static func isKubernetesCloud(_ cloud: String) -> Bool {
        let name = cloud.lowercased()
        return ["microk8s", "k8s", "kubernetes", "aks", "eks", "gke"].contains(name) || name.contains("k8s")
    }

    static func providerType(cloud: String, kubernetes: Bool) -> String {
        if kubernetes { return "kubernetes" }
        switch cloud.lowercased() {
        case "localhost", "lxd": return "lxd"
        case "aws": return "ec2"
        case "google": return "gce"
        case "azure": return "azure"
        case "maas": return "maas"
        default: return "openstack"
        }
    }

    static func bootstrap(_ context: inout CommandContext) throws {
        try context.arguments.expectAtMost(2)
        guard let cloudArgument = context.arguments.positional.first else {
            throw SimError.usage("no cloud specified")
        }
        let cloudParts = cloudArgument.split(separator: "/", maxSplits: 1).map(String.init)
        let cloud = cloudParts[0]
        let kubernetes = context.arguments.value("sim-cloud-type").map { ["k8s", "caas", "kubernetes"].contains($0) }
            ?? isKubernetesCloud(cloud)
        let region = cloudParts.count == 2 ? cloudParts[1] : (["localhost", "lxd", "microk8s"].contains(cloud) ? "localhost" : "default")
        let name = context.arguments.positional.count == 2 ? context.arguments.positional[1] : "\(cloud)-\(region)"
        let now = context.now
        let settings = context.settings
        let switchTo = !context.arguments.flag("no-switch")
        try context.store.transaction(exclusive: true) { transaction in
            guard transaction.state.controllers[name] == nil else { throw SimError.failure("controller \"\(name)\" already exists") }
            let type = kubernetes ? "caas" : "iaas"
            transaction.state.controllers[name] = SimController(
                name: name, uuid: SimAddress.uuid("controller/\(name)/\(now)"), cloud: cloud, region: region,
                cloudType: providerType(cloud: cloud, kubernetes: kubernetes), modelType: type,
                agentVersion: settings.agentVersion, createdAt: now, models: [:], currentModel: "controller")
            var model = SimModel(name: "controller", uuid: SimAddress.uuid("model/\(name)/controller/\(now)"), type: type,
                                 isController: true, createdAt: now)
            if !kubernetes { _ = model.addMachine(base: CharmStore.defaultBase, constraints: nil, at: now) }
            transaction.setModel(model, name: model.name, controller: name)
            if switchTo || transaction.state.currentController == nil { transaction.state.currentController = name }
        }
        context.output.info("Creating Juju controller \"\(name)\" on \(cloud)/\(region)")
        context.output.info("Bootstrap complete, controller \"\(name)\" is now available")
        context.output.info("Controller machines are in the \"controller\" model")
        context.output.info("\nNow you can run\n\tjuju add-model <model-name>\nto create a new model to deploy workloads.")
    }

    static func controllers(_ context: inout CommandContext) throws {
        try context.arguments.expectAtMost(0)
        let format = try context.format(default: "tabular", allowed: ["json", "yaml", "tabular"])
        let state = try context.store.readIndex()
        var items: [(String, JSONValue)] = []
        for controller in state.controllers.values.sorted(by: { $0.name < $1.name }) {
            var item = JSONObject()
            item.set("current-model", controller.currentModel)
            item.set("user", "admin")
            item.set("access", "superuser")
            item.set("recent-server", "10.0.0.2:17070")
            item.set("uuid", controller.uuid)
            item.set("api-endpoints", .array([.string("10.0.0.2:17070")]))
            item.set("ca-cert", "-----BEGIN CERTIFICATE-----\n(juju-sim)\n-----END CERTIFICATE-----\n")
            item.set("cloud", controller.cloud)
            item.set("region", controller.region)
            item.set("agent-version", controller.agentVersion)
            item.set("model-count", .int(controller.models.count))
            // The controller's own machine (or pod): model contents are not read for a listing.
            item.set(controller.modelType == "caas" ? "node-count" : "machine-count", .int(1))
            item.set(controller.modelType == "caas" ? "controller-nodes" : "controller-machines",
                     .object([("active", .int(1)), ("total", .int(1))]))
            items.append((controller.name, item.value))
        }
        // Juju prints `"controllers": null` when it knows none.
        let root = JSONValue.object([("controllers", items.isEmpty ? .null : .object(items)),
                                     ("current-controller", .string(state.currentController ?? ""))])
        switch format {
        case "json": context.output.print(root.compact)
        case "yaml": context.output.print(try YAMLWriter.text(root))
        default:
            guard !state.controllers.isEmpty else { throw CommandContext.noControllers }
            context.output.print("Controller  Model  User   Access     Cloud/Region  Models  Version")
            for controller in state.controllers.values.sorted(by: { $0.name < $1.name }) {
                let marker = controller.name == state.currentController ? "*" : ""
                context.output.print("\(controller.name)\(marker)  \(controller.currentModel ?? "-")  admin  superuser  \(controller.cloud)/\(controller.region)  \(controller.models.count)  \(controller.agentVersion)")
            }
        }
    }
}
