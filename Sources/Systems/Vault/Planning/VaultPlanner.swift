import PlanModel
import TenantCore

/// Vault's planning half. It changes nothing in Vault: it checks that every secret the plan
/// hands to another system exists, in a version that is neither deleted nor destroyed, and plans
/// one `vault.check` per secret path that a change of an earlier system uses (those changes wait
/// for it: a secret gone between plan and apply stops them before they start, not halfway). An
/// environment whose secret is missing, or that needs a Vault that could not be read, is not
/// planned at all, with a message naming the application, the option and the reference.
public struct VaultPlanner: SystemPlanning {
    public static let systemName = "vault"
    public var system: String { Self.systemName }

    public init() {}

    public func plan(_ input: SystemPlanInput) -> SystemPlan {
        // As Juju plans them: a tenant of a shared offer has no model of its own to hand secrets to.
        let environments = input.desired.environments.filter { environment in
            guard !environment.sharedModel else { return false }
            guard let tenants = input.options.tenants else { return true }
            return environment.tenant.map(tenants.contains) ?? false
        }
        let observation = input.observed.observation(of: system, as: VaultObservation.self)
        var result = SystemPlan()
        for environment in environments {
            let uses = Self.secretUses(environment)
            guard !uses.isEmpty else { continue }
            if let problem = Self.problem(uses, observation) {
                result.skipped.append(SkippedEnvironment(environment: environment.id, reason: problem))
            }
        }
        guard let observation, observation.unavailable == nil else { return result }
        // One check per path a change uses, waited for by every change that uses it.
        var checks: [String: Change] = [:]
        var order: [String] = []
        let skipped = Set(result.skipped.map(\.environment))
        for change in input.upstream where !skipped.contains(change.environment) {
            guard case let .strings(references)? = change.parameters["secrets"] else { continue }
            for text in references {
                guard case let .success(reference) = VaultReference.parse(text),
                      case let .present(metadata)? = observation.paths[reference.path] else { continue }
                if checks[reference.path] == nil {
                    order.append(reference.path)
                    checks[reference.path] = Change(
                        address: Self.address(mount: observation.mount, path: reference.path), kind: .vaultCheck, effect: .read,
                        tenant: change.tenant, environment: change.environment, target: reference.path,
                        reasons: [Reason(field: "secret", desired: "\(observation.mount)/\(reference.path)" + (observation.versioned ? " version \(metadata.currentVersion)" : ""), observed: nil)],
                        dependsOn: [],
                        parameters: ["keys": .strings([]), "version": .int(metadata.currentVersion)])
                }
                var check = checks[reference.path]!
                if case let .strings(keys)? = check.parameters["keys"], !keys.contains(reference.key) {
                    check.parameters["keys"] = .strings((keys + [reference.key]).sorted())
                }
                checks[reference.path] = check
                result.gates[change.id, default: []].append(check.id)
            }
        }
        result.changes = order.map { checks[$0]! }
        return result
    }

    /// `vault:<mount>/<path>`: one scope per secret path, so a rotation of one tenant's secret
    /// never makes another's plan stale.
    public static func address(mount: String, path: String) -> ChangeAddress {
        ChangeAddress(system: systemName, scope: "\(mount)/\(path)", resource: "")
    }

    /// The secret options of an environment's applications: (application, option, reference).
    public static func secretUses(_ environment: DesiredEnvironment) -> [(application: String, key: String, reference: VaultReference)] {
        environment.applications.flatMap { application in
            application.config.sorted { $0.key < $1.key }.compactMap { key, value in
                value.vaultReference.map { (application.name, key, $0) }
            }
        }
    }

    /// Why an environment with these secret options cannot be planned, or nil.
    static func problem(_ uses: [(application: String, key: String, reference: VaultReference)], _ observation: VaultObservation?) -> String? {
        // No secret source observed (none configured): secrets are read when applied, as before.
        guard let observation else { return nil }
        if let unavailable = observation.unavailable { return "\(observation.source) cannot be read: \(unavailable)" }
        for use in uses {
            let place = "application \(use.application), option \(use.key): \(use.reference)"
            let path = observation.versioned ? "\(observation.mount)/\(use.reference.path)" : use.reference.path
            switch observation.paths[use.reference.path] {
            case nil: return "\(place): \(path) was not observed"
            case .missing?: return "\(place): there is no secret at \(path) in \(observation.source)"
            case let .forbidden(message)?: return "\(place): tenantctl's Vault token may not read \(path) (403: \(message))"
            case let .failed(message)?: return "\(place): reading \(path) failed: \(message)"
            case let .present(metadata)?:
                if metadata.currentDestroyed { return "\(place): version \(metadata.currentVersion) of \(path) is destroyed" }
                if metadata.currentDeleted { return "\(place): version \(metadata.currentVersion) of \(path) is deleted (vault kv undelete, or write a new version)" }
                if let keys = metadata.keys, !keys.contains(use.reference.key) { return "\(place): \(path) has no key '\(use.reference.key)' in \(observation.source)" }
            }
        }
        return nil
    }
}

extension ChangeKind {
    /// Confirms, just before the changes that use them, that secrets are readable.
    public static let vaultCheck = ChangeKind("vault.check")
}
