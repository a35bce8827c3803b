/// `status`: JSON and YAML in Juju 3.6's shape, and a short table for people.
enum StatusCommand {
    static func run(_ context: inout CommandContext) throws {
        let format = try context.format(default: "tabular", allowed: ["json", "yaml", "tabular", "short", "line", "oneline", "summary"])
        let (model, controller) = try context.readModel()
        let filter = Set(context.arguments.positional.map { String($0.split(separator: "/")[0]) })
        let renderer = StatusRenderer(model: model, controller: controller, settings: context.settings, now: context.now, filter: filter)
        let status = renderer.render()
        switch format {
        case "json": context.output.print(status.compact)
        case "yaml": context.output.print(try YAMLWriter.text(status))
        default: context.output.print(tabular(renderer))
        }
    }

    /// A reduced version of Juju's default table: enough to watch a demo converge.
    static func tabular(_ renderer: StatusRenderer) -> String {
        let model = renderer.model
        var lines = ["Model  Controller  Cloud/Region  Version  Timestamp",
                     "\(model.name)  \(renderer.controller.name)  \(renderer.controller.cloud)/\(renderer.controller.region)  \(renderer.controller.agentVersion)  \(SimClock.timeOfDay(renderer.lifecycle.now))",
                     "", "App  Status  Scale  Charm  Channel  Rev  Exposed"]
        var units = ["", "Unit  Workload  Agent  Machine  Message"]
        for app in renderer.shownApplications {
            let statuses = app.sortedUnits.map(renderer.unitStatuses)
            let appStatus = UnitLifecycle.applicationStatus(statuses.map(\.workload))?.current ?? "unknown"
            lines.append("\(app.name)  \(appStatus)  \(app.units.count)  \(app.charm)  \(app.channel)  \(app.revision)  \(app.exposed ? "yes" : "no")")
            for (unit, status) in zip(app.sortedUnits, statuses) {
                units.append("\(unit.name)  \(status.workload.current)  \(status.agent.current)  \(unit.machine ?? unit.principal ?? "")  \(status.workload.message ?? "")")
            }
        }
        if !model.machines.isEmpty {
            units += ["", "Machine  State  Address  Base"]
            for machine in model.machines.values.sorted(by: { $0.id < $1.id }) {
                units.append("\(machine.id)  \(renderer.lifecycle.machineAgent(machine).current)  \(SimAddress.machine(model: model.uuid, machine: machine.id))  \(machine.base)")
            }
        }
        return (lines + units).joined(separator: "\n")
    }
}
