import Foundation

/// The fleet, offers and bundles of the example repository, which every generated repository
/// copies as they are; tenants are generated against them.
struct ExamplesCatalog: Sendable {
    static let copiedEntries = ["tenantctl.yaml", "offers", "bundles"]

    var root: String
    var fleet: FleetSummary
    /// Sorted by name.
    var offers: [OfferSummary]
    var bundles: [String: BundleSummary]

    static func load(_ root: String) throws -> ExamplesCatalog {
        let files = FileManager.default
        for entry in copiedEntries where !files.fileExists(atPath: root + "/" + entry) {
            throw BenchError("the example repository \(root) has no \(entry); it is needed to build the benchmark repositories")
        }
        guard let fleetRoot = try documents(root + "/tenantctl.yaml").first else {
            throw BenchError("\(root)/tenantctl.yaml is empty")
        }
        var offers: [OfferSummary] = []
        for name in try files.contentsOfDirectory(atPath: root + "/offers").sorted() {
            guard let stem = yamlStem(name), let document = try documents(root + "/offers/" + name).first,
                  let offer = OfferSummary(name: stem, root: document) else { continue }
            offers.append(offer)
        }
        var bundles: [String: BundleSummary] = [:]
        for name in try files.contentsOfDirectory(atPath: root + "/bundles").sorted() {
            let path = root + "/bundles/" + name
            if let stem = yamlStem(name) {
                bundles[stem] = BundleSummary(name: stem, documents: try documents(path))
            } else if files.fileExists(atPath: path + "/bundle.yaml") {
                bundles[name] = BundleSummary(name: name, documents: try documents(path + "/bundle.yaml"))
            }
        }
        if offers.isEmpty { throw BenchError("\(root)/offers holds no offer manifest yet") }
        return ExamplesCatalog(root: root, fleet: FleetSummary(fleetRoot), offers: offers, bundles: bundles)
    }

    private static func documents(_ path: String) throws -> [YAMLNode] {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
        return MiniYAMLParser.documents(String(decoding: data, as: UTF8.self))
    }

    private static func yamlStem(_ name: String) -> String? {
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        return nil
    }

    /// Copies the fleet, offers and bundles into a new repository's work tree.
    func copyPlatform(into directory: String) throws {
        for entry in Self.copiedEntries {
            try FileManager.default.copyItem(atPath: root + "/" + entry, toPath: directory + "/" + entry)
        }
    }
}
