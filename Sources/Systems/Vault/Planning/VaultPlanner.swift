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
            if let problem = Self.problem(uses, in: environment, observation) {
                result.skipped.append(SkippedEnvironment(environment: environment.id, reason: problem))
            }
        }
        guard let observation else { return result }
        let byID = Dictionary(input.desired.environments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // One check per path and Vault a change uses, waited for by every change that uses it.
        var checks: [String: Change] = [:]
        var order: [String] = []
        let skipped = Set(result.skipped.map(\.environment))
        for change in input.upstream where !skipped.contains(change.environment) {
            guard case let .strings(references)? = change.parameters["secrets"], let environment = byID[change.environment],
                  let scope = observation.scope(for: environment), scope.unavailable == nil else { continue }
            // A tenant's own Vault is a scope of its own: its addresses never meet the platform's.
            let tenantVault = environment.vault.flatMap { vault in environment.tenant.map { (tenant: $0, vault: vault) } }
            for text in references {
                guard case let .success(reference) = VaultReference.parse(text),
                      case let .present(metadata)? = scope.paths[reference.path] else { continue }
                let key = "\(tenantVault?.tenant ?? "")\u{0}\(reference.path)"
                if checks[key] == nil {
                    order.append(key)
                    var parameters: [String: ChangeParameter] = ["keys": .strings([]), "version": .int(metadata.currentVersion)]
                    if let tenantVault {
                        // Where the driver reads: none of it secret (the token is a reference
                        // into the platform's Vault); an edited plan is refused as altered.
                        parameters["vault.address"] = .string(tenantVault.vault.address)
                        parameters["vault.mount"] = .string(tenantVault.vault.kvMount)
                        if let namespace = tenantVault.vault.namespace { parameters["vault.namespace"] = .string(namespace) }
                        parameters["vault.token"] = .string(tenantVault.vault.token.description)
                    }
                    checks[key] = Change(
                        address: Self.address(mount: scope.mount, path: reference.path, tenant: tenantVault?.tenant), kind: .vaultCheck, effect: .read,
                        tenant: change.tenant, environment: change.environment, target: reference.path,
                        reasons: [Reason(field: "secret", desired: (tenantVault.map { "\($0.vault.label): " } ?? "") + "\(scope.mount)/\(reference.path)"
                                            + (scope.versioned ? " version \(metadata.currentVersion)" : ""), observed: nil)],
                        dependsOn: [],
                        parameters: parameters)
                }
                var check = checks[key]!
                if case let .strings(keys)? = check.parameters["keys"], !keys.contains(reference.key) {
                    check.parameters["keys"] = .strings((keys + [reference.key]).sorted())
                }
                checks[key] = check
                result.gates[change.id, default: []].append(check.id)
            }
        }
        result.changes = order.map { checks[$0]! }
        return result
    }

    /// `vault:<mount>/<path>`: one scope per secret path, so a rotation of one tenant's secret
    /// never makes another's plan stale. A path in a tenant's own Vault is
    /// `vault:tenant@<tenant>/<mount>/<path>`: `@` cannot appear in a mount, so no path of the
    /// platform's Vault has that scope.
    public static func address(mount: String, path: String, tenant: String? = nil) -> ChangeAddress {
        ChangeAddress(system: systemName, scope: "\(tenant.map { "\(tenantScopePrefix)\($0)/" } ?? "")\(mount)/\(path)", resource: "")
    }

    /// The scope of a tenant's Vault as a whole (`vault:tenant@acme/secret`): what its
    /// unavailability is fingerprinted under.
    public static func scope(mount: String, tenant: String?) -> String {
        "\(tenant.map { "\(tenantScopePrefix)\($0)/" } ?? "")\(mount)"
    }

    public static let tenantScopePrefix = "tenant@"

    /// The secret options of an environment's applications: (application, option, reference).
    public static func secretUses(_ environment: DesiredEnvironment) -> [(application: String, key: String, reference: VaultReference)] {
        environment.applications.flatMap { application in
            application.config.sorted { $0.key < $1.key }.compactMap { key, value in
                value.vaultReference.map { (application.name, key, $0) }
            }
        }
    }

    /// Why an environment with these secret options cannot be planned, or nil.
    static func problem(_ uses: [(application: String, key: String, reference: VaultReference)], in environment: DesiredEnvironment,
                        _ observation: VaultObservation?) -> String? {
        // No secret source observed (none configured): secrets are read when applied, as before.
        guard let platform = observation else { return nil }
        guard let observation = platform.scope(for: environment) else {
            return "tenant \(environment.tenant ?? environment.id)'s own Vault was not observed"
        }
        if let unavailable = observation.unavailable { return "\(observation.source) cannot be read: \(unavailable)" }
        let token = environment.vault == nil ? "tenantctl's Vault token" : "the token of \(observation.source)"
        for use in uses {
            let place = "application \(use.application), option \(use.key): \(use.reference)"
            let path = observation.versioned ? "\(observation.mount)/\(use.reference.path)" : use.reference.path
            switch observation.paths[use.reference.path] {
            case nil: return "\(place): \(path) was not observed"
            case .missing?: return "\(place): there is no secret at \(path) in \(observation.source)"
            case let .forbidden(message)?: return "\(place): \(token) may not read \(path) (403: \(message))"
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
