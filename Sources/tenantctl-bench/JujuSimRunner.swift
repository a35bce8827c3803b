import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// Sets up juju-sim for the drift sweep: the fleet's controllers bootstrapped, the models created
/// (and some deployed) the way an operator and earlier applies would have, without latency.
struct JujuSimRunner {
    let executable: String
    let process: ChildProcess
    let environment: [String: String]

    init(executable: String, process: ChildProcess, home: String) {
        self.executable = executable
        self.process = process
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("JUJU_SIM_") && !$0.key.hasPrefix("TENANTCTL_") }
        environment["JUJU_SIM_HOME"] = home
        // Deployed units are idle at once: the sweep reads them, it waits for nothing.
        environment["JUJU_SIM_SETTLE_SECONDS"] = "0"
        // The setup deploys the repository's own bundle files, outside $HOME: as an operator
        // would with a juju that is not the confined snap.
        environment["JUJU_SIM_SNAP"] = "0"
        self.environment = environment
    }

    private func run(_ arguments: [String]) throws {
        // One log name for all setup calls: the last one's output is what an error shows.
        let result = try process.run(executable, arguments, environment: environment, label: "juju-sim-setup")
        guard result.succeeded else { throw BenchError(result.failureSummary) }
    }

    /// `bootstrap <cloud>[/<region>] <name>`, with the controller kind the fleet says (juju-sim
    /// would guess it from the cloud name otherwise).
    func bootstrap(_ controller: Controller) throws {
        let cloud = controller.cloud + (controller.region.map { "/\($0)" } ?? "")
        try run(["bootstrap", cloud, controller.name.value, "--sim-cloud-type", controller.isKubernetes ? "k8s" : "iaas", "--no-switch"])
    }

    /// One call, its answer returned whatever it is: for juju-replay's recordings.
    func answer(_ arguments: [String]) throws -> ChildResult {
        try process.run(executable, arguments, environment: environment, label: "juju-sim-record")
    }

    func addModel(_ target: ModelTarget) throws {
        try run(["add-model", "-c", target.controller, target.model, "--no-switch"])
    }

    func deploy(_ target: ModelTarget, bundleFile: String) throws {
        // The operator consents to the bundle's trusted applications, as Juju requires.
        try run(["deploy", "-m", "\(target.controller):\(target.model)", "--trust", bundleFile])
    }
}
