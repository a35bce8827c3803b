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

/// Juju constraints as Juju reports them back: sizes in megabytes (`mem=8G` becomes
/// `mem=8192M`), keys in any order, with keys Juju adds itself (`arch=amd64`).
public struct ConstraintSet: Equatable {
    var values: [String: String]

    init(_ text: String?) {
        var values: [String: String] = [:]
        for pair in (text ?? "").split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            values[parts[0]] = ["mem", "root-disk"].contains(parts[0]) ? Self.megabytes(parts[1]) : parts[1]
        }
        self.values = values
    }

    /// Every constraint asked for is there with the same value; extra ones Juju added do not matter.
    func isSatisfied(by observed: ConstraintSet) -> Bool {
        values.allSatisfy { observed.values[$0.key] == $0.value }
    }

    /// `8G` → `8192M`, `512M` → `512M`, `2048` → `2048M`; other text unchanged.
    public static func megabytes(_ size: String) -> String {
        let multipliers: [Character: Double] = ["M": 1, "G": 1024, "T": 1024 * 1024, "P": 1024 * 1024 * 1024]
        var number = Substring(size)
        var multiplier = 1.0
        if let last = number.last, let factor = multipliers[last] { multiplier = factor; number = number.dropLast() }
        guard let value = Double(number) else { return size }
        return "\(Int((value * multiplier).rounded()))M"
    }
}
