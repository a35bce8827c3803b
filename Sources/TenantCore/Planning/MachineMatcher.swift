/// Counts the observed machines that belong to a desired machine group.
///
/// Machines carry no owner tag in Juju, so a group claims machines by their constraints and base,
/// groups in order, each machine counted once: the count is what `add-machine` would repeat.
enum MachineMatcher {
    static func count(group: MachineGroup, index: Int, groups: [MachineGroup], machines: [String: ObservedMachine]) -> Int {
        var available = machines.values.sorted { $0.id < $1.id }
        for (position, earlier) in groups.enumerated() where position < index {
            var claimed = 0
            available.removeAll { machine in
                guard claimed < earlier.count, matches(machine, earlier) else { return false }
                claimed += 1
                return true
            }
        }
        return min(group.count, available.filter { matches($0, group) }.count)
    }

    static func matches(_ machine: ObservedMachine, _ group: MachineGroup) -> Bool {
        normalize(machine.constraints) == normalize(group.constraints)
            && (group.base == nil || machine.base == group.base)
    }

    /// Constraint order does not matter to Juju.
    static func normalize(_ constraints: String?) -> [String] {
        (constraints ?? "").split(separator: " ").map(String.init).sorted()
    }
}
