/// Names that must be unique across the whole repository: models and hostnames.
enum UniquenessChecks {
    static func check(environments: [DesiredEnvironment], manifests: ManifestSet, sink: DiagnosticSink) {
        // Tenants of a shared offer share its model on purpose; every other model has one owner.
        var modelOwners: [String: String] = [:]
        for environment in environments where !environment.sharedModel {
            let key = "\(environment.controller):\(environment.model)"
            if let owner = modelOwners[key] {
                let location = modelLocation(of: environment, manifests: manifests).location
                sink.error("model '\(environment.model)' on controller '\(environment.controller)' is used by both \(owner) and \(environment.id); model names must be unique",
                           at: location, field: "spec.environments.\(environment.environment).model")
            } else {
                modelOwners[key] = environment.id
            }
        }
        var hostOwners: [String: String] = [:]
        for environment in environments {
            for domain in environment.domains {
                if let owner = hostOwners[domain.host] {
                    let location = domainLocation(host: domain.host, environment: environment, manifests: manifests)
                    sink.error("host '\(domain.host)' is claimed by both \(owner) and \(environment.id); a hostname belongs to one environment",
                               at: location, field: "spec.domains")
                } else {
                    hostOwners[domain.host] = environment.id
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
