/// Writes a tenant blueprint as the YAML a person would: block style, flow style for small
/// mappings (targets, machine groups), the way the example tenants are written.
enum TenantManifestWriter {
    static func yaml(_ tenant: TenantBlueprint) -> String {
        var out = "# \(tenant.comment)\n"
        out += "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: \(tenant.name)\n"
        if !tenant.labels.isEmpty {
            out += "  labels:\n"
            for label in tenant.labels { out += "    \(label.key): \(label.value)\n" }
        }
        out += "spec:\n  offer: \(tenant.offer)\n"
        if let controller = tenant.controller { out += "  controller: \(controller)\n" }
        if tenant.sync != nil || tenant.prune != nil {
            out += "  policy:\n"
            if let sync = tenant.sync { out += "    sync: \(sync)\n" }
            if let prune = tenant.prune { out += "    prune: \(prune)\n" }
        }
        if let environments = tenant.environments {
            out += "  environments:\n"
            for environment in environments { write(environment, into: &out) }
        }
        if !tenant.domains.isEmpty {
            out += "  domains:\n"
            for domain in tenant.domains { write(domain, into: &out) }
        }
        return out
    }

    private static func write(_ environment: TenantBlueprint.Environment, into out: inout String) {
        guard environment.model != nil || !environment.applications.isEmpty || !environment.machines.isEmpty else {
            out += "    \(environment.name): {}\n"
            return
        }
        out += "    \(environment.name):\n"
        if let model = environment.model { out += "      model: \(model)\n" }
        if !environment.applications.isEmpty {
            out += "      applications:\n"
            for application in environment.applications { write(application, into: &out) }
        }
        if !environment.machines.isEmpty {
            out += "      machines:\n"
            for group in environment.machines {
                out += "        - {count: \(group.count), constraints: \(group.constraints), base: \(group.base)}\n"
            }
        }
    }

    private static func write(_ application: TenantBlueprint.Application, into out: inout String) {
        out += "        \(application.name):\n"
        if let channel = application.channel { out += "          channel: \(channel)\n" }
        if let revision = application.revision { out += "          revision: \(revision)\n" }
        if let units = application.units { out += "          units: \(units)\n" }
        if let expose = application.expose { out += "          expose: \(expose)\n" }
        if let constraints = application.constraints { out += "          constraints: \(constraints)\n" }
        if !application.config.isEmpty {
            out += "          config:\n"
            for option in application.config { out += "            \(option.key): \(option.value)\n" }
        }
    }

    private static func write(_ domain: TenantBlueprint.Domain, into out: inout String) {
        out += "    - host: \(domain.host)\n"
        if let environment = domain.environment { out += "      environment: \(environment)\n" }
        if let zone = domain.zone { out += "      zone: \(zone)\n" }
        if let provider = domain.provider { out += "      provider: \(provider)\n" }
        if domain.register { out += "      register: true\n" }
        switch domain.target {
        case let .application(name)?: out += "      target: {application: \(name)}\n"
        case let .address(address)?: out += "      target: {address: \(address)}\n"
        case let .cname(host)?: out += "      target: {cname: \(host)}\n"
        case nil: break
        }
        if let tls = domain.tls { out += "      tls: \(tls)\n" }
    }

    /// The runbook a folder-form tenant keeps beside its manifest (not a manifest: never read).
    static func runbook(_ tenant: TenantBlueprint) -> String {
        """
        # \(tenant.name): runbook

        Offer \(tenant.offer). Changes to production are planned by tenantctl and applied after the \
        customer's approval\(tenant.sync == "manual" ? " (sync: manual)" : "").

        """
    }
}
