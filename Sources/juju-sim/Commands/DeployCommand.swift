import Foundation

/// `deploy` of a bundle file or of a single charm.
enum DeployCommand {
    static func run(_ context: inout CommandContext) throws {
        try context.arguments.expectAtMost(2)
        guard let target = context.arguments.positional.first else { throw SimError.usage("no charm or bundle specified") }
        var isDirectory: ObjCBool = false
        let snap = SnapConfinement(settings: context.settings)
        if snap.canRead(target), FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), !isDirectory.boolValue {
            try deployBundle(path: target, context: &context)
        } else if target.hasSuffix(".yaml") || target.hasSuffix(".yml") {
            throw SimError.failure("no charm or bundle found at \"\(target)\"")
        } else {
            try deployCharm(target, context: &context)
        }
    }

    static func deployBundle(path: String, context: inout CommandContext) throws {
        let snap = SnapConfinement(settings: context.settings)
        var texts = [try read(path, snap: snap)]
        for overlay in context.arguments.all("overlay") { texts.append(try read(overlay, snap: snap)) }
        let bundle = try BundleFile(yaml: texts.joined(separator: "\n---\n"))
        try bundle.verify()
        // As Juju: trusted applications need the operator's consent (--trust), or --force.
        let trusted = bundle.applications.filter { $0.app.trust }.map(\.name).sorted()
        if !trusted.isEmpty, !context.arguments.flag("trust"), !context.arguments.flag("force") {
            throw SimError.failure("""
                Bundle cannot be deployed without trusting applications with your cloud credentials.
                Please repeat the deploy command with the --trust argument if you consent to trust the following application(s):
                  - \(trusted.joined(separator: "\n  - "))
                """)
        }
        let deployer = BundleDeployer(bundle: bundle, settings: context.settings, now: context.now,
                                      mapExisting: context.arguments.value("map-machines") == "existing")
        if context.arguments.flag("dry-run") {
            var copy = try context.readModel().0
            let log = try deployer.deploy(into: &copy)
            context.output.info(log.isEmpty ? "No changes to apply." : (["Changes to deploy bundle:"] + log).joined(separator: "\n"))
            return
        }
        let log = try context.updateModel { model, _ in try deployer.deploy(into: &model) }
        context.output.info("Located bundle \"\((path as NSString).lastPathComponent)\"")
        if log.isEmpty {
            context.output.info("No changes to apply.")
        } else {
            context.output.info((["Executing changes:"] + log + ["Deploy of bundle completed."]).joined(separator: "\n"))
        }
    }

    static func read(_ path: String, snap: SnapConfinement) throws -> String {
        guard let data = snap.contents(atPath: path) else {
            throw SimError.failure("no charm or bundle found at \"\(path)\"")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func deployCharm(_ reference: String, context: inout CommandContext) throws {
        let arguments = context.arguments
        let charm = CharmStore.charmName(reference)
        let name = arguments.positional.count == 2 ? arguments.positional[1] : charm
        let revision = try arguments.value("revision").map { text -> Int in
            guard let number = Int(text) else { throw SimError.usage("invalid value \"\(text)\" for option --revision") }
            return number
        }
        if revision != nil, arguments.value("channel") == nil {
            throw SimError.failure("specifying a revision requires a channel for future upgrades. Please use --channel")
        }
        var config: [String: ConfigScalar] = [:]
        for item in arguments.all("config") {
            if let equals = item.firstIndex(of: "=") {
                config[String(item[..<equals])] = .string(String(item[item.index(after: equals)...]))
            } else {
                config.merge(try ConfigFile.read(item, application: name, snap: SnapConfinement(settings: context.settings))) { _, new in new }
            }
        }
        let units = try arguments.int("n", "num-units", default: 1)
        let placements = arguments.value("to").map { $0.split(separator: ",").map(String.init) } ?? []
        let spec = SimModel.DeploySpec(
            name: name, charm: charm, channel: arguments.value("channel"), revision: revision, units: units,
            placements: placements, base: CharmStore.base(arguments.value("base"), series: arguments.value("series")),
            constraints: arguments.value("constraints"), config: config, trust: arguments.flag("trust"))
        let settings = context.settings
        let now = context.now
        let deployed = try context.updateModel { model, _ in try model.deploy(spec, settings: settings, at: now) }
        context.output.info("Deployed \"\(name)\" from charm-hub charm \"\(charm)\", revision \(deployed.revision) in channel \(deployed.channel) on \(deployed.base)/stable")
    }
}
