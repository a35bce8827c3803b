/// Validates a decoded repository across files and resolves it into the desired state.
///
/// Validation and resolution are one pass because most cross-file rules (an override naming an
/// application the bundle lacks, a domain pointing at a missing application) are questions about
/// the resolved environment.
public struct DesiredStateBuilder {
    public struct Result: Sendable {
        public var state: DesiredState
        /// Every problem of the repository (decoding and cross-file), sorted by position, at most
        /// `DiagnosticCap.perFile` per file: a summary line stands for the rest.
        public var diagnostics: [Diagnostic]
        /// True counts, including problems the cap left out of `diagnostics`.
        public var errorCount: Int
        public var warningCount: Int
        public var isValid: Bool { errorCount == 0 }
    }

    let manifests: ManifestSet
    let sink = DiagnosticSink()

    public static func build(_ manifests: ManifestSet) -> Result {
        DesiredStateBuilder(manifests: manifests).run()
    }

    private func run() -> Result {
        sink.append(contentsOf: manifests.diagnostics)
        var environments: [DesiredEnvironment] = []
        if let fleet = manifests.fleet {
            FleetChecks.check(fleet, sink: sink)
            for name in manifests.offers.keys.sorted() {
                let offer = manifests.offers[name]!
                OfferChecks.check(offer, manifests: manifests, sink: sink)
                environments += sharedEnvironments(of: offer, fleet: fleet)
            }
            for (name, paths) in manifests.tenantFiles.sorted(by: { $0.key < $1.key }) where paths.count > 1 {
                // Reported in both files: either may be the one to remove.
                for path in paths.dropFirst() {
                    let message = "tenant '\(name)' is defined twice: in \(paths[0]) and in \(path); keep one"
                    sink.error(message, at: .start(of: path))
                    sink.error(message, at: .start(of: paths[0]))
                }
            }
            for name in manifests.tenantNames {
                environments += TenantResolver(tenant: manifests.tenants[name]!, fleet: fleet, manifests: manifests, sink: sink).resolve()
            }
            UniquenessChecks.check(environments: environments, manifests: manifests, sink: sink)
            ModelNameChecks.check(environments: environments, manifests: manifests, sink: sink)
            checkVaultConfigured(environments, fleet: fleet)
        } else {
            // Without tenantctl.yaml nothing resolves, but every file is still decoded and its
            // problems reported; cross-file checks would only repeat "no fleet".
            for offer in manifests.offers.values.sorted(by: { $0.file < $1.file }) {
                if manifests.bundles[offer.bundle.value] == nil {
                    OfferChecks.check(offer, manifests: manifests, sink: sink)
                }
            }
        }
        environments.sort { $0.id < $1.id }
        let all = sink.sorted
        let errors = all.lazy.filter { $0.severity == .error }.count
        return Result(state: DesiredState(environments: environments, dns: manifests.fleet.map(DesiredDNS.init) ?? DesiredDNS(),
                                           certificates: manifests.fleet?.certificates.map(DesiredCertificates.init)), diagnostics: DiagnosticCap.capped(all),
                      errorCount: errors, warningCount: all.count - errors)
    }

    /// The models a shared offer runs for all its tenants, one per environment.
    private func sharedEnvironments(of offer: Offer, fleet: Fleet) -> [DesiredEnvironment] {
        guard offer.tenancy == .shared, let bundle = manifests.bundles[offer.bundle.value] else { return [] }
        let controllerName = offer.controller?.value ?? fleet.defaults.controller?.value
        guard let controllerName, let controller = fleet.controller(named: controllerName) else {
            if offer.controller == nil, fleet.defaults.controller == nil {
                sink.error("spec.controller: a shared offer needs a controller for its models; set spec.controller or defaults.controller in \(Fleet.fileName)",
                           at: offer.name.location, field: "spec.controller")
            }
            return []
        }
        return offer.sharedModels.keys.sorted().map { environment in
            let sizing = offer.environments[environment]
            let applications = EnvironmentResolver.applications(
                bundle: bundle, layers: [.init(sizing: sizing)])
            return DesiredEnvironment(
                id: "\(offer.name.value)@shared/\(environment)", tenant: nil, environment: environment,
                offer: offer.name.value, controller: controller.name.value, controllerKind: controller.kind,
                cloud: controller.cloud, model: offer.sharedModels[environment]!.value, sharedModel: false,
                bundle: bundle.name.value, ha: sizing?.ha?.value ?? false, policy: fleet.defaults.policy,
                applications: applications, machines: sizing?.machines?.map(\.value) ?? [],
                bundleMachines: bundle.machines, relations: bundle.relations.map { $0.map(\.value) },
                saas: bundle.saas, domains: [], secrets: EnvironmentResolver.secrets(of: applications), labels: [:],
                region: controller.region, credential: controller.credential)
        }
    }

    private func checkVaultConfigured(_ environments: [DesiredEnvironment], fleet: Fleet) {
        guard fleet.vault == nil else { return }
        let usesVault = !fleet.dnsProviders.isEmpty || environments.contains { !$0.secrets.isEmpty }
        if usesVault {
            sink.error("spec.vault: manifests use Vault references but \(Fleet.fileName) has no vault section (address and auth)",
                       at: .start(of: fleet.file), field: "spec.vault")
        }
    }
}
