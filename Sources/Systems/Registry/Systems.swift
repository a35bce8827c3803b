import CertsDriver
import DNSDriver
import JujuDriver
import PlanModel
import Reconciler
import VaultDriver

/// Every outside system tenantctl plans for, in planning order (a system's changes may depend on
/// those of the systems before it, and a system may make earlier ones wait for its own: Vault's
/// checks gate the Juju changes that use secrets). Adding a system is one folder under Sources/Systems and one
/// line here.
public enum Systems {
    public static let all: [any RegisteredSystem] = [
        JujuSystem(),
        VaultSystem(),
        DNSSystem(),
        CertsSystem(),
    ]

    public static var planners: [any SystemPlanning] { all.map(\.planner) }

    public static func named(_ name: String) -> (any RegisteredSystem)? {
        all.first { $0.name == name }
    }
}
