import TenantCore

/// Counts the observed machines that belong to a desired machine group.
///
/// Machines carry no owner tag in Juju, so a group claims machines by their constraints and base,
/// groups in order, each machine counted once: the count is what `add-machine` would repeat.
public enum MachineMatcher {
    public static func count(group: MachineGroup, index: Int, groups: [MachineGroup], machines: [String: ObservedMachine]) -> Int {
        var available = candidates(machines)
        for (position, earlier) in groups.enumerated() where position < index {
            available.removeAll(where: claimer(for: earlier))
        }
        let wanted = Wanted(group)
        return min(group.count, available.filter { wanted.matches($0) }.count)
    }

    /// The machines some group claims, each group taking at most its count, in order.
    public static func claimed(groups: [MachineGroup], machines: [String: ObservedMachine]) -> Set<String> {
        var available = candidates(machines)
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
    private static func claimer(for group: MachineGroup) -> (Candidate) -> Bool {
        var taken = 0
        let wanted = Wanted(group)
        return { machine in
            guard taken < group.count, wanted.matches(machine) else { return false }
            taken += 1
            return true
        }
    }

    static func matches(_ machine: ObservedMachine, _ group: MachineGroup) -> Bool {
        Wanted(group).matches(Candidate(machine))
    }

    /// The machines in id order, each with its constraints parsed once: parsing them for every
    /// (group, machine) pair compared was a tenth of `plan` at 10,000 tenants.
    private static func candidates(_ machines: [String: ObservedMachine]) -> [Candidate] {
        machines.values.sorted { $0.id < $1.id }.map(Candidate.init)
    }

    private struct Candidate {
        let id: String
        let base: String?
        let constraints: ConstraintSet

        init(_ machine: ObservedMachine) {
            id = machine.id
            base = machine.base
            constraints = ConstraintSet(machine.constraints)
        }
    }

    /// A group's constraints, parsed once for all the machines it is compared with.
    private struct Wanted {
        let base: String?
        let constraints: ConstraintSet

        init(_ group: MachineGroup) {
            base = group.base
            constraints = ConstraintSet(group.constraints)
        }

        func matches(_ machine: Candidate) -> Bool {
            constraints.isSatisfied(by: machine.constraints) && (base == nil || machine.base == base)
        }
    }
}
