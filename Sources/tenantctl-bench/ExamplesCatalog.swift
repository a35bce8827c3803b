import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// The fleet, offers and bundles of the example repository, which every generated repository
/// copies as they are; tenants are generated against them.
struct ExamplesCatalog: Sendable {
    static let copiedEntries = ["tenantctl.yaml", "offers", "bundles"]

    var root: String
    var fleet: Fleet
    /// Sorted by name.
    var offers: [Offer]
    var bundles: [String: TenantCore.Bundle]

    /// Decoded and checked by TenantCore, as tenantctl reads them: an example tenantctl rejects
    /// would only make every generated repository fail to validate.
    static func load(_ root: String) throws -> ExamplesCatalog {
        for entry in copiedEntries where !FileManager.default.fileExists(atPath: root + "/" + entry) {
            throw BenchError("the example repository \(root) has no \(entry); it is needed to build the benchmark repositories")
        }
        let (manifests, _) = try ManifestDirectory.desiredState(of: root, folders: ["offers", "bundles"])
        guard let fleet = manifests.fleet else { throw BenchError("\(root)/tenantctl.yaml declares no fleet") }
        let offers = manifests.offers.values.sorted { $0.name.value < $1.name.value }
        if offers.isEmpty { throw BenchError("\(root)/offers holds no offer manifest yet") }
        return ExamplesCatalog(root: root, fleet: fleet, offers: offers, bundles: manifests.bundles)
    }

    /// Copies the fleet, offers and bundles into a new repository's work tree.
    func copyPlatform(into directory: String) throws {
        for entry in Self.copiedEntries {
            try FileManager.default.copyItem(atPath: root + "/" + entry, toPath: directory + "/" + entry)
        }
    }
}
