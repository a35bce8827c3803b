import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// How tenants of one offer can be generated validly: its bundle, its weight in the fleet, and
/// which controllers a tenant may (or must) name.
struct OfferPlan: Sendable {
    var offer: Offer
    var bundle: Bundle
    /// Share of the generated tenants, relative to the other offers.
    var weight: Int
    /// The controller tenants get without writing one, when it suits the bundle.
    var defaultController: Controller?
    /// Controllers a tenant may write (same kind as the bundle); for a shared offer, none.
    var writableControllers: [String]
    /// Environments a tenant may declare (a shared offer: those with a shared model).
    var environmentNames: [String]
    /// Whether leaving `environments` out (the fleet's defaults) is valid.
    var defaultsAllowed: Bool

    var name: String { offer.name.value }

    /// Typical mix of a Bibind fleet: many small shops, few large accounts.
    static func weight(of offer: String) -> Int {
        switch offer {
        case "mutualise": return 30
        case "solocard": return 20
        case "launchcard": return 18
        case "self-service": return 14
        case "pme": return 14
        case "grand-compte": return 4
        default: return 10
        }
    }

    /// The plan for `offer`, or why its tenants cannot be generated validly.
    static func make(_ offer: Offer, catalog: ExamplesCatalog) -> Result<OfferPlan, BenchError> {
        let fleet = catalog.fleet
        let name = offer.name.value
        guard let bundle = catalog.bundles[offer.bundle.value] else {
            return .failure(BenchError("offer '\(name)': no bundle '\(offer.bundle.value)' under bundles/"))
        }
        let inherited = fleet.controller(optionallyNamed: offer.controller?.value ?? fleet.defaults.controller?.value)
        if offer.isShared {
            guard let inherited else {
                return .failure(BenchError("offer '\(name)': shared, but no controller of the fleet runs its models"))
            }
            let shared = offer.sharedEnvironmentNames
            guard !shared.isEmpty else {
                return .failure(BenchError("offer '\(name)': shared, but lists no sharedModels"))
            }
            return .success(OfferPlan(
                offer: offer, bundle: bundle, weight: weight(of: name), defaultController: inherited,
                writableControllers: [], environmentNames: shared,
                defaultsAllowed: Set(fleet.defaultEnvironmentNames).isSubset(of: shared)))
        }
        let sameKind = fleet.controllers.filter { $0.isKubernetes == bundle.isKubernetes }
        let usableDefault = inherited.flatMap { $0.isKubernetes == bundle.isKubernetes ? $0 : nil }
        // An offer that pins a controller keeps its tenants there.
        let sameKindNames = sameKind.map { $0.name.value }
        let writable: [String] = offer.controller != nil ? (usableDefault.map { [$0.name.value] } ?? sameKindNames) : sameKindNames
        guard usableDefault != nil || !writable.isEmpty else {
            return .failure(BenchError("offer '\(name)': bundle '\(bundle.name.value)' is \(bundle.isKubernetes ? "a k8s" : "a machine") bundle and the fleet has no such controller"))
        }
        let environments = fleet.defaultEnvironmentNames
        return .success(OfferPlan(
            offer: offer, bundle: bundle, weight: weight(of: name), defaultController: usableDefault,
            writableControllers: writable, environmentNames: environments, defaultsAllowed: !environments.isEmpty))
    }

    /// The controller a tenant's models end up on, given what it writes.
    func controller(written: String?, fleet: Fleet) -> Controller? {
        fleet.controller(optionallyNamed: written) ?? defaultController
    }
}
