/// `juju-sim sim-fault`: not a Juju command. Records (or clears) a workload fault on a unit
/// or on every unit of an application, the persistent twin of `JUJU_SIM_UNIT_FAULT`:
///
///     juju-sim sim-fault -m ctrl:model magento/0 blocked "database connection refused"
///     juju-sim sim-fault -m ctrl:model mysql error 'hook failed: "install"'
///     juju-sim sim-fault -m ctrl:model magento/0 clear
enum SimFaultCommand {
    static func run(_ context: inout CommandContext) throws {
        let words = context.arguments.positional
        guard words.count >= 2 else {
            throw SimError.usage("usage: juju-sim sim-fault -m <controller>:<model> <unit|application> <status|clear> [message…]")
        }
        let target = words[0]
        let status = words[1]
        let message = words.count > 2 ? words.dropFirst(2).joined(separator: " ") : nil
        guard status == "clear" || UnitFault.statuses.contains(status) else {
            throw SimError.usage("unknown fault status \"\(status)\"; use one of \(UnitFault.statuses.sorted().joined(separator: ", ")) or clear")
        }
        try context.updateModel { model, _ in
            let application = String(target.split(separator: "/")[0])
            guard model.applications[application] != nil else { throw SimError.applicationNotFound(application) }
            if target.contains("/"), model.applications[application]?.units[target] == nil {
                throw SimError.failure("unit \"\(target)\" not found")
            }
            model.faults[target] = status == "clear" ? nil : UnitFault(status: status, message: message)
        }
    }
}
