import JujuPlanning
import PlanModel
import Reconciler
import TenantCore

/// An environment's health as the dashboard shows it: its units as the look observed them, or
/// the health gate its run passed since. Unit status words only (active, blocked…), never a
/// workload message, which a charm may fill with anything.
enum EnvironmentHealth {
    static func of(_ environment: DesiredEnvironment, observed: ObservedWorld, result: ApplyReport.EnvironmentResult?,
                   gatePassed: Bool) -> (text: String, healthy: Bool?) {
        if gatePassed, let result, result.failed == nil, result.notRun.isEmpty {
            return ("healthy: the health gate passed", true)
        }
        let changed = !(result?.succeeded.isEmpty ?? true)
        let suffix = changed ? " (before this run's changes)" : ""
        guard let juju = observed.observation(of: JujuPlanner.systemName, as: ObservedState.self),
              let model = juju.models["\(environment.controller)/\(environment.model)"] else {
            return ("not observed", nil)
        }
        switch model {
        case .failed:
            return ("not observed: juju status failed", false)
        case .absent:
            return ("no model yet" + suffix, changed ? nil : false)
        case let .present(observedModel):
            let units = observedModel.applications.keys.sorted().flatMap { name in observedModel.applications[name]?.units ?? [] }
            if units.isEmpty { return ("no units yet" + suffix, changed ? nil : false) }
            let unsettled = units.filter { $0.workloadStatus != "active" || $0.agentStatus != "idle" }
            let active = units.count - unsettled.count
            if let first = unsettled.first {
                return ("\(active)/\(units.count) units active/idle; \(first.name): \(first.workloadStatus)/\(first.agentStatus)" + suffix, false)
            }
            return ("\(active)/\(units.count) units active/idle" + suffix, true)
        }
    }
}
