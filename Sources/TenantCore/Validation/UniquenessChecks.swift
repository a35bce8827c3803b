/// Names that must be unique across the whole repository: models and hostnames.
enum UniquenessChecks {
    static func check(environments: [DesiredEnvironment], manifests: ManifestSet, sink: DiagnosticSink) {
        // Tenants of a shared offer share its model on purpose; every other model has one owner.
        // A collision is reported at both ends: whoever reads either file must see it.
        var modelOwners: [String: DesiredEnvironment] = [:]
        for environment in environments where !environment.sharedModel {
            let key = "\(environment.controller):\(environment.model)"
            guard let owner = modelOwners[key] else { modelOwners[key] = environment; continue }
            let message = "model '\(environment.model)' on controller '\(environment.controller)' is used by both \(owner.id) and \(environment.id); model names must be unique"
            for end in [owner, environment] {
                sink.error(message, at: modelLocation(of: end, manifests: manifests).location,
                           field: "spec.environments.\(end.environment).model")
            }
        }
        var hostOwners: [String: DesiredEnvironment] = [:]
        for environment in environments {
            for domain in environment.domains {
                guard let owner = hostOwners[domain.host] else { hostOwners[domain.host] = environment; continue }
                let message = "host '\(domain.host)' is claimed by both \(owner.id) and \(environment.id); a hostname belongs to one environment"
                for end in [owner, environment] {
                    sink.error(message, at: domainLocation(host: domain.host, environment: end, manifests: manifests), field: "spec.domains")
                }
            }
        }
    }

    /// Where an environment's model name is written, or where it is derived from (the environment,
    /// else the tenant's name), with the field to name in the message.
    static func modelLocation(of environment: DesiredEnvironment, manifests: ManifestSet) -> (location: SourceLocation, field: String) {
        if let tenantName = environment.tenant, let tenant = manifests.tenants[tenantName] {
            let declared = tenant.environments?.first { $0.name.value == environment.environment }
            let field = "spec.environments.\(environment.environment)" + (declared?.model != nil ? ".model" : "")
            return (declared?.model?.location ?? declared?.name.location ?? tenant.name.location, field)
        }
        if let offer = manifests.offers[environment.offer] {
            return (offer.sharedModels[environment.environment]?.location ?? offer.name.location, "spec.sharedModels.\(environment.environment)")
        }
        return (.start(of: Fleet.fileName), "")
    }

    private static func domainLocation(host: String, environment: DesiredEnvironment, manifests: ManifestSet) -> SourceLocation {
        guard let tenantName = environment.tenant, let tenant = manifests.tenants[tenantName] else { return .start(of: Fleet.fileName) }
        return tenant.domains.last { $0.host.value == host }?.host.location ?? tenant.name.location
    }
}
