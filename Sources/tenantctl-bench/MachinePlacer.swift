import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// The machines of a converged IaaS model, numbered as Juju numbers them: the environment's
/// machine groups first (in the order of the bundle's machines, which `to:` placements name),
/// then one machine per unit that no placement puts elsewhere.
struct MachinePlacer {
    private(set) var machines: [String: ObservedMachine] = [:]
    private var next = 0
    let defaultBase: String

    init(defaultBase: String?) {
        self.defaultBase = defaultBase ?? "ubuntu@22.04"
    }

    mutating func addGroups(_ groups: [MachineGroup]) {
        for group in groups {
            for _ in 0..<group.count { _ = add(constraints: group.constraints, base: group.base) }
        }
    }

    /// The machine unit `index` of `application` runs on: its `to:` target when that machine
    /// exists (or the bundle declares it), else a machine of its own.
    mutating func machine(for application: DesiredApplication, unit index: Int, bundleMachines: [String: BundleMachine]) -> String {
        if index < application.to.count {
            let target = application.to[index]
            if machines[target] != nil { return target }
            if let declared = bundleMachines[target], let number = Int(target) {
                machines[target] = Self.machine(id: target, constraints: declared.constraints, base: declared.base ?? defaultBase)
                next = max(next, number + 1)
                return target
            }
        }
        return add(constraints: application.constraints, base: application.base)
    }

    private mutating func add(constraints: String?, base: String?) -> String {
        while machines[String(next)] != nil { next += 1 }
        let id = String(next)
        machines[id] = Self.machine(id: id, constraints: constraints, base: base ?? defaultBase)
        next += 1
        return id
    }

    private static func machine(id: String, constraints: String?, base: String) -> ObservedMachine {
        ObservedMachine(id: id, constraints: JujuConstraints.reported(constraints), base: base, status: "started")
    }
}

/// Constraints as `juju status` reports them back: sizes in megabytes, keys sorted, with the
/// architecture Juju adds itself (`cores=2 mem=4G` → `arch=amd64 cores=2 mem=4096M`). The
/// planner must match those to the manifests' groups, so the snapshot speaks Juju's form.
enum JujuConstraints {
    static func reported(_ text: String?) -> String {
        var values = ["arch": "amd64"]
        for pair in (text ?? "").split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            values[parts[0]] = ["mem", "root-disk"].contains(parts[0]) ? megabytes(parts[1]) : parts[1]
        }
        return values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    private static func megabytes(_ size: String) -> String {
        let factors: [Character: Int] = ["M": 1, "G": 1024, "T": 1024 * 1024]
        guard let unit = size.last, let factor = factors[unit], let number = Int(size.dropLast()) else { return size }
        return "\(number * factor)M"
    }
}
