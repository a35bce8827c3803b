import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// A model the desired state names: where `juju-sim add-model` puts it for the sweep, and the
/// bundle it may deploy there.
struct ModelTarget: Sendable {
    var environment: String
    var controller: String
    var model: String
    var bundle: String
}

/// The observed state the bench builds for one generated repository, and what `plan` must make
/// of it: actions for exactly the drifted and absent environments, none for the converged ones.
struct GeneratedWorld: Sendable {
    var state: ObservedState
    /// The journal's models, `<controller>/<model>` → environment id: every present model, and
    /// those of tenants since deleted from git.
    var managedModels: [String: String]
    /// Environment ids the plan must touch.
    var expectedEnvironments: Set<String>
    var tally: Tally

    struct Tally: Sendable, Encodable {
        var converged = 0
        var drifted: [String: Int] = [:]
        var absent = 0
        /// Models of tenants deleted from git: listed by their controller, managed, not desired
        /// (the plan withholds their destruction: prune is off).
        var deleted = 0

        var driftedTotal: Int { drifted.values.reduce(0, +) }
        var models: Int { converged + driftedTotal + absent }
    }
}
