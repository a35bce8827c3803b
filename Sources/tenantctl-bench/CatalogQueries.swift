import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

// The questions the tenant generator asks of TenantCore's decoded fleet, offers and bundles.

extension Fleet {
    /// A controller by the name a manifest writes, if any.
    func controller(optionallyNamed name: String?) -> Controller? {
        name.flatMap(controller(named:))
    }

    /// The environments a tenant gets without declaring any.
    var defaultEnvironmentNames: [String] {
        let names = defaults.environments.map(\.value)
        return names.isEmpty ? FleetDefaults.standardEnvironments : names
    }

    /// Zones of the platform itself (same first label as the wildcard domain, like `bibind.cloud`
    /// beside `bibind.com`) that answer no wildcard: where technical names such as pre-production
    /// hosts live. Customer zones the fleet hosts are left alone.
    var platformZones: [DNSZone] {
        guard let wildcard = wildcardDomain?.value, let brand = wildcard.split(separator: ".").first else { return [] }
        return dnsZones.filter { !$0.wildcard && $0.zone.value != wildcard && $0.zone.value.split(separator: ".").first == brand }
    }
}

extension Controller {
    var isKubernetes: Bool { kind == .k8s }
}

extension Offer {
    var isShared: Bool { tenancy == .shared }

    /// The environments of a shared offer's models, in the order the offer writes them (a
    /// generated tenant lists them in that order, so the order is part of the repository).
    var sharedEnvironmentNames: [String] {
        sharedModels.sorted { $0.value.location < $1.value.location }.map(\.key)
    }
}

extension Bundle {
    /// Applications in the bundle's own order: the generator's random picks depend on it.
    var orderedApplications: [BundleApplication] {
        applicationOrder.compactMap { applications[$0] }
    }

    /// The shop application tenants configure (base URL, admin password): Magento when present.
    var primaryApplication: BundleApplication? {
        orderedApplications.first { $0.charm.contains("magento") } ?? orderedApplications.first { $0.units != nil }
    }

    /// The application a custom domain points at: the ingress or load balancer.
    var ingressApplication: BundleApplication? {
        let ingressCharms = ["traefik", "haproxy", "nginx-ingress-integrator", "nginx"]
        return orderedApplications.first { application in ingressCharms.contains { application.charm.hasPrefix($0) } }
            ?? primaryApplication
    }
}
