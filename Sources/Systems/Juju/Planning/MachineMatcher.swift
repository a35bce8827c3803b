import TenantCore

/// Counts the observed machines that belong to a desired machine group.
///
/// Machines carry no owner tag in Juju, so a group claims machines by their constraints and base,
/// groups in order, each machine counted once: the count is what `add-machine` would repeat.
public enum MachineMatcher {
    public static func count(group: MachineGroup, index: Int, groups: [MachineGroup], machines: [String: ObservedMachine]) -> Int {
        var available = machines.values.sorted { $0.id < $1.id }
        for (position, earlier) in groups.enumerated() where position < index {
            available.removeAll(where: claimer(for: earlier))
        }
        return min(group.count, available.filter { matches($0, group) }.count)
    }

    /// The machines some group claims, each group taking at most its count, in order.
    public static func claimed(groups: [MachineGroup], machines: [String: ObservedMachine]) -> Set<String> {
        var available = machines.values.sorted { $0.id < $1.id }
        var claimed = Set<String>()
        for group in groups {
            let claim = claimer(for: group)
            available.removeAll { machine in
                guard claim(machine) else { return false }
                claimed.insert(machine.id)
                return true
            }
        }
        return claimed
    }

    /// A predicate that accepts matching machines until the group's count is reached.
    private static func claimer(for group: MachineGroup) -> (ObservedMachine) -> Bool {
        var taken = 0
        return { machine in
            guard taken < group.count, matches(machine, group) else { return false }
            taken += 1
            return true
        }
    }

    static func matches(_ machine: ObservedMachine, _ group: MachineGroup) -> Bool {
        ConstraintSet(group.constraints).isSatisfied(by: ConstraintSet(machine.constraints))
            && (group.base == nil || machine.base == group.base)
    }
}
