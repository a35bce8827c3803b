/// The commands juju-sim implements, with the flags Juju's own commands accept.
struct CommandDefinition {
    var name: String
    var aliases: [String] = []
    var spec: Arguments.Spec
    var summary: String
    var run: (inout CommandContext) throws -> Void
}

enum CommandTable {
    typealias Spec = Arguments.Spec
    static let confirmFlags: Set<String> = ["no-prompt", "force", "no-wait", "destroy-storage", "dry-run"]

    static var all: [CommandDefinition] { [
        CommandDefinition(name: "bootstrap", spec: Spec(
            valueFlags: ["config", "constraints", "bootstrap-base", "bootstrap-constraints", "credential", "agent-version",
                         "model-default", "sim-cloud-type", "bootstrap-series"],
            boolFlags: ["no-switch", "B", "no-browser-login"]),
            summary: "bootstrap <cloud>[/<region>] [<controller>]: creates a controller (k8s clouds make a caas one)",
            run: ControllerCommands.bootstrap),
        CommandDefinition(name: "controllers", aliases: ["list-controllers"], spec: Spec(
            valueFlags: ["format", "o", "output"], boolFlags: ["refresh", "managed", "B", "no-browser-login"]),
            summary: "controllers [--format=json|yaml|tabular]", run: ControllerCommands.controllers),
        CommandDefinition(name: "models", aliases: ["list-models"], spec: Spec(
            valueFlags: ["c", "controller", "format", "o", "output", "user"],
            boolFlags: ["all", "uuid", "exact-time", "B", "no-browser-login"]),
            summary: "models [-c <controller>] [--format=json|yaml|tabular]", run: ModelCommands.models),
        CommandDefinition(name: "add-model", spec: Spec(
            valueFlags: ["c", "controller", "config", "credential", "owner"], boolFlags: ["no-switch", "B", "no-browser-login"]),
            summary: "add-model <name> [-c <controller>]", run: ModelCommands.addModel),
        CommandDefinition(name: "destroy-model", spec: Spec(
            valueFlags: ["timeout", "t"], boolFlags: confirmFlags.union(["release-storage", "y", "B", "no-browser-login"])),
            summary: "destroy-model <controller>:<model> --no-prompt [--destroy-storage]", run: ModelCommands.destroyModel),
        CommandDefinition(name: "switch", spec: Spec(valueFlags: [], boolFlags: []),
            summary: "switch <controller>[:<model>]", run: SwitchCommand.run),
        CommandDefinition(name: "status", spec: Spec.model.adding(
            values: ["format", "o", "output", "color"], bools: ["utc", "relations", "storage", "no-color", "integrations"]),
            summary: "status -m <controller>:<model> [--format=json|yaml|tabular] [<application>…]", run: StatusCommand.run),
        CommandDefinition(name: "add-machine", spec: Spec.model.adding(
            values: ["n", "constraints", "base", "series", "disks"]),
            summary: "add-machine -m … [-n N] [--constraints …] [--base ubuntu@22.04] [lxd[:<machine>]]",
            run: MachineCommands.addMachine),
        CommandDefinition(name: "remove-machine", spec: Spec.model.adding(bools: confirmFlags.union(["keep-instance"])),
            summary: "remove-machine -m … <id>… [--force]", run: MachineCommands.removeMachine),
        CommandDefinition(name: "deploy", spec: Spec.model.adding(
            values: ["n", "num-units", "channel", "revision", "config", "constraints", "base", "series", "to", "map-machines",
                     "overlay", "storage", "resource", "bind", "attach-storage", "device"],
            bools: ["trust", "dry-run", "force"]),
            summary: "deploy -m … <bundle.yaml> | <charm> [<app>] [--channel] [--revision] [-n N] [--config file|k=v]",
            run: DeployCommand.run),
        CommandDefinition(name: "refresh", aliases: ["upgrade-charm"], spec: Spec.model.adding(
            values: ["channel", "revision", "switch", "base", "config", "resource", "storage", "bind"],
            bools: ["force", "force-units", "force-base", "trust"]),
            summary: "refresh -m … <app> [--channel …] [--revision N]", run: ApplicationCommands.refresh),
        CommandDefinition(name: "add-unit", spec: Spec.model.adding(values: ["n", "num-units", "to", "attach-storage"]),
            summary: "add-unit -m … <app> [-n N] [--to <placement>]", run: UnitCommands.addUnit),
        CommandDefinition(name: "remove-unit", spec: Spec.model.adding(values: ["num-units"], bools: confirmFlags),
            summary: "remove-unit -m … <unit>… (IaaS) | <app> --num-units N (k8s)", run: UnitCommands.removeUnit),
        CommandDefinition(name: "scale-application", spec: Spec.model.adding(bools: ["force"]),
            summary: "scale-application -m … <app> <scale> (k8s)", run: UnitCommands.scaleApplication),
        CommandDefinition(name: "config", spec: Spec.model.adding(values: ["format", "file", "reset", "o", "output", "branch"],
                                                                  bools: ["no-color", "color"]),
            summary: "config -m … <app> [--format=json] | <key>=<value>… | --file <yaml> | --reset k1,k2",
            run: ConfigCommand.run),
        CommandDefinition(name: "integrate", aliases: ["relate", "add-relation"], spec: Spec.model.adding(values: ["via"]),
            summary: "integrate -m … <app>[:<endpoint>] <app>[:<endpoint>]", run: RelationCommands.integrate),
        CommandDefinition(name: "remove-relation", aliases: ["remove-integration"], spec: Spec.model.adding(bools: ["force"]),
            summary: "remove-relation -m … <app>[:<endpoint>] <app>[:<endpoint>]", run: RelationCommands.removeRelation),
        CommandDefinition(name: "remove-application", spec: Spec.model.adding(bools: confirmFlags),
            summary: "remove-application -m … <app>… [--no-prompt]", run: ApplicationCommands.removeApplication),
        CommandDefinition(name: "expose", spec: Spec.model.adding(values: ["endpoints", "to-cidrs", "to-spaces"]),
            summary: "expose -m … <app>", run: ApplicationCommands.expose),
        CommandDefinition(name: "unexpose", spec: Spec.model.adding(values: ["endpoints"]),
            summary: "unexpose -m … <app>", run: ApplicationCommands.unexpose),
        CommandDefinition(name: "export-bundle", spec: Spec.model.adding(
            values: ["filename"], bools: ["include-charm-defaults", "include-series"]),
            summary: "export-bundle -m … [--filename <file>]", run: ExportBundleCommand.run),
        CommandDefinition(name: "add-secret", spec: Spec.model.adding(values: ["file", "info"]),
            summary: "add-secret -m … <name> [key[#base64|#file]=value…] [--file <yaml>] [--info …]", run: SecretCommands.add),
        CommandDefinition(name: "update-secret", spec: Spec.model.adding(values: ["file", "info", "name"], bools: ["auto-prune"]),
            summary: "update-secret -m … <ID>|<name> [key[#base64|#file]=value…] [--file <yaml>] [--info …]", run: SecretCommands.update),
        CommandDefinition(name: "grant-secret", spec: Spec.model,
            summary: "grant-secret -m … <ID>|<name> <application>[,<application>…]", run: SecretCommands.grant),
        CommandDefinition(name: "secrets", aliases: ["list-secrets"], spec: Spec.model.adding(values: ["format", "o", "output", "owner"], bools: ["revisions"]),
            summary: "secrets -m … [--format=json|yaml|tabular]", run: SecretCommands.list),
        CommandDefinition(name: "version", spec: Spec(valueFlags: ["format", "o", "output"], boolFlags: ["all"]),
            summary: "version", run: { context in context.output.print(Help.version(context.settings)) }),
        CommandDefinition(name: "sim-fault", spec: Spec.model,
            summary: "sim-fault -m … <unit|app> <blocked|error|waiting|maintenance|lost|active> [message…] | <unit|app> clear",
            run: SimFaultCommand.run),
    ] }

    static func find(_ name: String) -> CommandDefinition? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }
}
