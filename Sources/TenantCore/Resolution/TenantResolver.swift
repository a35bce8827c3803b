/// Resolves one tenant's environments and checks the tenant against the fleet, its offer and its
/// bundles.
struct TenantResolver {
    let tenant: Tenant
    let fleet: Fleet
    let manifests: ManifestSet
    let sink: DiagnosticSink

    private func error(_ field: String, _ message: String, at location: SourceLocation) {
        sink.error("\(field): \(message)", at: location, field: field)
    }

    func resolve() -> [DesiredEnvironment] {
        guard let offer = manifests.offers[tenant.offer.value] else {
            error("spec.offer", "no offer named '\(tenant.offer.value)' under offers/\(Suggestion.hint(for: tenant.offer.value, in: manifests.offers.keys))",
                  at: tenant.offer.location)
            return []
        }
        guard let controller = controller(for: offer) else { return [] }
        let policy = Policy(sync: tenant.policy.sync ?? fleet.defaults.policy.sync,
                            prune: tenant.policy.prune ?? fleet.defaults.policy.prune)

        let declared: [TenantEnvironment] = tenant.environments ?? fleet.defaults.environments.map {
            TenantEnvironment(name: Located($0.value, at: tenant.name.location), model: nil, bundle: nil,
                              sizing: EnvironmentSizing(ha: nil, applications: [:], machines: nil, location: tenant.name.location))
        }
        if let bundle = tenant.bundle, manifests.bundles[bundle.value] == nil {
            reportMissingBundle(bundle, field: "spec.bundle")
        }
        var environments: [DesiredEnvironment] = []
        for environment in declared {
            if let resolved = offer.tenancy == .shared
                ? resolveShared(environment, offer: offer, controller: controller, policy: policy)
                : resolveDedicated(environment, offer: offer, controller: controller, policy: policy) {
                environments.append(resolved)
            }
        }
        attachDomains(to: &environments, declared: declared.map(\.name.value))
        if let vault = tenant.vault, let desired = checkedVault(vault) {
            for index in environments.indices { environments[index].vault = desired }
        }
        return environments
    }

    /// The tenant's own Vault, once checked against the fleet: the platform's Vault must exist
    /// (the token is read there), reserve a path for tenants' tokens, and the token must be in
    /// this tenant's part of it.
    private func checkedVault(_ vault: TenantVault) -> DesiredVault? {
        guard let platform = fleet.vault else {
            error("spec.vault", "a tenant's own Vault needs the platform's Vault, where its token is read, but \(Fleet.fileName) has no vault section",
                  at: vault.location)
            return nil
        }
        guard let prefix = platform.tenantTokens?.value else {
            error("spec.vault.token", "\(Fleet.fileName) reserves no path for tenants' Vault tokens (spec.vault.tenantTokens), so no tenant may name its own Vault",
                  at: vault.token.location)
            return nil
        }
        let own = "\(prefix)/\(tenant.name.value)/"
        guard vault.token.value.path.hasPrefix(own) else {
            error("spec.vault.token", "'\(vault.token.value)' is not under vault:\(own): a tenant's token must be read from the part of the platform's Vault reserved for it (\(Fleet.fileName), spec.vault.tenantTokens)",
                  at: vault.token.location)
            return nil
        }
        return DesiredVault(address: vault.address.value, kvMount: vault.kvMount, namespace: vault.namespace, token: vault.token.value)
    }

    private func controller(for offer: Offer) -> Controller? {
        if offer.tenancy == .shared, let controller = tenant.controller {
            error("spec.controller", "offer '\(offer.name.value)' is shared: its tenants live on the offer's controller, so a tenant cannot choose one",
                  at: controller.location)
            return nil
        }
        let chosen = tenant.controller ?? offer.controller ?? fleet.defaults.controller
        guard let chosen else {
            // A shared offer without a controller is reported once, on the offer.
            if offer.tenancy == .dedicated {
                error("spec.controller", "no controller: set spec.controller here or defaults.controller in \(Fleet.fileName)",
                      at: tenant.name.location)
            }
            return nil
        }
        guard let controller = fleet.controller(named: chosen.value) else {
            // A default that names a missing controller is reported once, on tenantctl.yaml.
            if chosen.location.file == tenant.file {
                error("spec.controller", "no controller named '\(chosen.value)' in \(Fleet.fileName)\(Suggestion.hint(for: chosen.value, in: fleet.controllers.map(\.name.value)))",
                      at: chosen.location)
            }
            return nil
        }
        return controller
    }

    private func reportMissingBundle(_ bundle: Located<String>, field: String) {
        error(field, "no bundle named '\(bundle.value)' under bundles/\(Suggestion.hint(for: bundle.value, in: manifests.bundles.keys))",
              at: bundle.location)
    }

    private func resolveShared(_ environment: TenantEnvironment, offer: Offer, controller: Controller, policy: Policy) -> DesiredEnvironment? {
        let name = environment.name.value
        let prefix = "spec.environments.\(name)"
        let ownKeys: [(String, SourceLocation?)] = [
            ("model", environment.model?.location), ("bundle", environment.bundle?.location ?? tenant.bundle?.location),
            ("ha", environment.sizing.ha?.location),
            ("applications", environment.sizing.applications.values.first?.name.location),
            ("machines", environment.sizing.machines?.first?.location),
        ]
        for (key, location) in ownKeys {
            if let location {
                error("\(prefix).\(key)", "offer '\(offer.name.value)' is shared: its tenants have no model of their own, so '\(key)' cannot be set",
                      at: location)
            }
        }
        guard let model = offer.sharedModels[name] else {
            if offer.sharedModels.isEmpty { return nil }  // reported on the offer
            error(prefix, "offer '\(offer.name.value)' has no shared model for environment '\(name)'; it has: \(offer.sharedModels.keys.sorted().joined(separator: ", "))",
                  at: environment.name.location)
            return nil
        }
        return DesiredEnvironment(
            id: "\(tenant.name.value)/\(name)", tenant: tenant.name.value, environment: name, offer: offer.name.value,
            controller: controller.name.value, controllerKind: controller.kind, cloud: controller.cloud,
            model: model.value, sharedModel: true, bundle: offer.bundle.value, ha: false, policy: policy,
            applications: [], machines: [], bundleMachines: [:], relations: [], saas: [:], domains: [], secrets: [],
            labels: tenant.labels)
    }

    private func resolveDedicated(_ environment: TenantEnvironment, offer: Offer, controller: Controller, policy: Policy) -> DesiredEnvironment? {
        let name = environment.name.value
        let prefix = "spec.environments.\(name)"
        if let bundle = environment.bundle, manifests.bundles[bundle.value] == nil {
            reportMissingBundle(bundle, field: "\(prefix).bundle")
            return nil
        }
        let bundleName = environment.bundle?.value ?? tenant.bundle?.value ?? offer.bundle.value
        guard let bundle = manifests.bundles[bundleName] else { return nil }  // reported on the offer or above

        ApplicationChecks.checkOverridesExist(environment.sizing.applications.values, in: bundle,
                                              fieldPrefix: "\(prefix).applications", sink: sink)
        let offerSizing = offer.environments[name]
        let applications = EnvironmentResolver.applications(bundle: bundle, layers: [
            .init(sizing: offerSizing),
            .init(sizing: environment.sizing),
        ])
        let machines = environment.sizing.machines ?? offerSizing?.machines ?? []
        let ha = environment.sizing.ha?.value ?? offerSizing?.ha?.value ?? false

        switch controller.kind {
        case .k8s:
            if let first = environment.sizing.machines?.first {
                error("\(prefix).machines", "controller '\(controller.name.value)' is a k8s controller: its models have no machines", at: first.location)
            } else if let first = offerSizing?.machines?.first, environment.sizing.machines == nil {
                error("spec.offer", "offer '\(offer.name.value)' adds machines to environment '\(name)', but controller '\(controller.name.value)' is a k8s controller (defined at \(first.location))",
                      at: tenant.offer.location)
                // The offer is half of the conflict: whoever edits it must see it there too.
                error("\(prefix).machines", "tenant '\(tenant.name.value)' runs environment '\(name)' on k8s controller '\(controller.name.value)', whose models have no machines",
                      at: first.location)
            }
            if !bundle.isKubernetes {
                error(controllerFieldName, "bundle '\(bundle.name.value)' is a machine bundle but controller '\(controller.name.value)' is k8s; use a bundle with 'bundle: kubernetes'",
                      at: controllerLocation)
            }
        case .iaas:
            if bundle.isKubernetes {
                error(controllerFieldName, "bundle '\(bundle.name.value)' is a k8s bundle ('bundle: kubernetes') but controller '\(controller.name.value)' is an IaaS controller",
                      at: controllerLocation)
            }
        }
        // HA concerns the applications the offer or the tenant sizes for this environment; an
        // application left at the bundle's size (a CA, an integrator) may be a singleton.
        let sized = Set(environment.sizing.applications.keys).union(offerSizing?.applications.keys ?? [:].keys)
        if ha {
            for application in applications where sized.contains(application.name) && (application.units ?? 2) < 2 {
                // Where the offending number is written: in the offer when the tenant inherits it,
                // so the offer's file carries the error and every tenant repeats the same line.
                let location = environment.sizing.applications[application.name]?.units?.location
                    ?? offerSizing?.applications[application.name]?.units?.location
                    ?? environment.sizing.ha?.location ?? offerSizing?.ha?.location ?? tenant.offer.location
                error("\(prefix).applications.\(application.name).units",
                      "environment '\(name)' is highly available (ha: true) but application '\(application.name)' has \(application.units ?? 0) unit(s); HA needs at least 2",
                      at: location)
            }
        }
        // Juju refuses a bundle that pins a revision without a channel; an override can pin one
        // on a bundle application that names no channel.
        for application in applications where application.revision != nil && application.channel == nil {
            guard let revision = environment.sizing.applications[application.name]?.revision
                ?? offerSizing?.applications[application.name]?.revision else { continue }
            error("\(prefix).applications.\(application.name).revision",
                  "revision \(revision.value) needs a channel: Juju refuses to deploy a pinned revision without one (set 'channel' beside it, e.g. latest/stable)",
                  at: revision.location)
        }
        if controller.kind == .iaas {
            for application in applications where application.units != nil && application.to.count > application.units! {
                let location = environment.sizing.applications[application.name]?.units?.location
                    ?? offerSizing?.applications[application.name]?.units?.location ?? tenant.offer.location
                error("\(prefix).applications.\(application.name).units",
                      "application '\(application.name)' has \(application.units!) unit(s) but its bundle places \(application.to.count) (to: \(application.to.joined(separator: ", "))); Juju refuses more placements than units",
                      at: location)
            }
        }
        return DesiredEnvironment(
            id: "\(tenant.name.value)/\(name)", tenant: tenant.name.value, environment: name, offer: offer.name.value,
            controller: controller.name.value, controllerKind: controller.kind, cloud: controller.cloud,
            model: environment.model?.value ?? "\(tenant.name.value)-\(name)", sharedModel: false,
            bundle: bundle.name.value, ha: ha, policy: policy, applications: applications,
            machines: controller.kind == .iaas ? machines.map(\.value) : [],
            bundleMachines: controller.kind == .iaas ? bundle.machines : [:],
            relations: bundle.relations.map { $0.map(\.value) }, saas: bundle.saas, domains: [],
            secrets: EnvironmentResolver.secrets(of: applications), labels: tenant.labels,
            region: controller.region, credential: controller.credential)
    }

    private var controllerFieldName: String { tenant.controller == nil ? "spec.offer" : "spec.controller" }
    private var controllerLocation: SourceLocation { tenant.controller?.location ?? tenant.offer.location }

    // MARK: domains

    private func attachDomains(to environments: inout [DesiredEnvironment], declared: [String]) {
        for domain in tenant.domains {
            let prefix = "spec.domains[\(domain.index)]"
            let environmentName = domain.environment?.value ?? "production"
            guard declared.contains(environmentName) else {
                if let written = domain.environment {
                    error("\(prefix).environment", "the tenant has no environment '\(environmentName)'\(Suggestion.hint(for: environmentName, in: declared)); it has: \(declared.joined(separator: ", "))",
                          at: written.location)
                } else {
                    error("\(prefix).environment", "the tenant has no 'production' environment; name the environment this domain belongs to (\(declared.joined(separator: ", ")))",
                          at: domain.location)
                }
                continue
            }
            // An environment that failed to resolve was reported already.
            guard let environmentIndex = environments.firstIndex(where: { $0.environment == environmentName }) else { continue }
            if let resolved = resolveDomain(domain, prefix: prefix, environment: environments[environmentIndex]) {
                environments[environmentIndex].domains.append(resolved)
            }
        }
    }

    private func resolveDomain(_ domain: Domain, prefix: String, environment: DesiredEnvironment) -> DesiredDomain? {
        let host = domain.host.value
        if case let .application(name)? = domain.target?.value {
            let available = environment.sharedModel
                ? manifests.offers[environment.offer].flatMap { manifests.bundles[$0.bundle.value]?.applicationOrder } ?? []
                : environment.applications.map(\.name)
            if !available.contains(name) {
                error("\(prefix).target.application", "environment '\(environment.environment)' has no application '\(name)'\(Suggestion.hint(for: name, in: available)); it has: \(available.joined(separator: ", "))",
                      at: domain.target!.location)
                return nil
            }
        }
        var zoneName: String
        var providerName: String
        var wildcard = false
        if let fleetZone = fleet.zone(containing: host) {
            // A wildcard zone hands its one-label hosts out to tenants; its apex is the platform's
            // own (its site, its records). Other fleet zones may be customer zones the platform
            // hosts (a tenant may then use their apex), so only wildcard zones are kept back.
            if host == fleetZone.zone.value, fleetZone.wildcard {
                error("\(prefix).host", "'\(host)' is the platform's own domain (the apex of wildcard zone '\(fleetZone.zone.value)' in \(Fleet.fileName)); a tenant can use a host below it, not the domain itself",
                      at: domain.host.location)
                return nil
            }
            if domain.register {
                error("\(prefix).register", "'\(host)' is in zone '\(fleetZone.zone.value)', which the fleet already manages; there is nothing to register",
                      at: domain.location)
            }
            if let zone = domain.zone, zone.value != fleetZone.zone.value, Names.host(host, isIn: zone.value) == false {
                error("\(prefix).zone", "'\(host)' is not inside zone '\(zone.value)'", at: zone.location)
            }
            if let provider = domain.provider, provider.value != fleetZone.provider.value {
                error("\(prefix).provider", "zone '\(fleetZone.zone.value)' is hosted by '\(fleetZone.provider.value)' in \(Fleet.fileName), not '\(provider.value)'",
                      at: provider.location)
            }
            zoneName = fleetZone.zone.value
            providerName = fleetZone.provider.value
            let labelsBelow = host.dropLast(zoneName.count).split(separator: ".").count
            wildcard = fleetZone.wildcard && host != zoneName && labelsBelow == 1
        } else {
            guard let zone = domain.zone, let provider = domain.provider else {
                let missing = [domain.zone == nil ? "zone" : nil, domain.provider == nil ? "provider" : nil].compactMap { $0 }
                error("\(prefix).host", "no zone in \(Fleet.fileName) contains '\(host)'; for a custom domain set \(missing.joined(separator: " and ")) (the zone to create and the DNS provider that hosts it)",
                      at: domain.host.location)
                return nil
            }
            if !Names.host(host, isIn: zone.value) {
                error("\(prefix).zone", "'\(host)' is not inside zone '\(zone.value)'", at: zone.location)
                return nil
            }
            zoneName = zone.value
            providerName = provider.value
        }
        guard let provider = fleet.provider(named: providerName) else {
            if let written = domain.provider {
                error("\(prefix).provider", "no DNS provider named '\(written.value)' in \(Fleet.fileName)\(Suggestion.hint(for: written.value, in: fleet.dnsProviders.map(\.name.value)))",
                      at: written.location)
            }
            return nil
        }
        if domain.register, !provider.kind.canRegisterDomains {
            error("\(prefix).register", "provider '\(provider.name.value)' (\(provider.kind.rawValue)) cannot register domains; use an ovh or route53 provider",
                  at: domain.location)
        }
        let record: DesiredDomain.Record
        switch domain.target?.value {
        case nil:
            if domain.targetWritten { return nil }  // its problem was reported where it was written
            guard wildcard else {
                error("\(prefix).target", "'\(host)' needs a target (application, address or cname): only one-label hosts under a wildcard zone are answered without a record of their own",
                      at: domain.location)
                return nil
            }
            record = .wildcard
        case .application?:
            record = .applicationAddress
        case let .address(address)?:
            record = IPAddress.family(of: address) == .v6 ? .aaaa : .a
        case .cname?:
            if host == zoneName {
                error("\(prefix).target.cname", "'\(host)' is the apex of its zone, which cannot be a CNAME; point it at an address or an application",
                      at: domain.target!.location)
                return nil
            }
            record = .cname
        }
        return DesiredDomain(host: host, zone: zoneName, provider: provider.name.value, providerType: provider.kind,
                             record: record, target: domain.target?.value, tls: domain.tls, register: domain.register,
                             ttl: domain.ttl ?? fleet.dnsTTL, adopt: domain.adopt, tlsWildcard: domain.tls && domain.tlsWildcard)
    }
}
