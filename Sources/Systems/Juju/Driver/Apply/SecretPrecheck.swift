import TenantCore
import JujuPlanning
import PlanModel
import Reconciler

/// The secrets a plan's actions will need, checked before any action runs: a missing one stops
/// its environment before it starts, not halfway through (a model created, its deploy failing).
public enum SecretPrecheck {
    public struct Missing: Sendable, Equatable {
        public var environment: String
        public var action: String
        public var reference: String
        public var error: String
    }

    public static func missing(in plan: Plan, desired: DesiredState, secrets: any SecretSource) async -> [Missing] {
        var result: [Missing] = []
        var checked: [String: String?] = [:]  // reference → error, nil when present
        let environments = Dictionary(desired.environments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for action in plan.changes {
            guard let environment = environments[action.environment] else { continue }
            for reference in SecretUses.of(action, in: environment).map(\.reference) {
                if checked[reference.description] == nil {
                    do {
                        _ = try await secrets.value(for: reference)
                        checked[reference.description] = .some(nil)
                    } catch {
                        checked[reference.description] = .some("\(error)")
                    }
                }
                if case let error?? = checked[reference.description] {
                    result.append(Missing(environment: action.environment, action: action.id, reference: reference.description, error: error))
                }
            }
        }
        return result
    }
}
