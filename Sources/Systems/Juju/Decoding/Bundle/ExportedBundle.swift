import Foundation
import TenantCore

/// What `juju export-bundle` says about a model: applications with charm, channel, revision,
/// units, placement and the options users set, machines, relations and consumed offers.
///
/// Read leniently (unknown keys are ignored: Juju adds `resources`, `storage`, `bindings`…),
/// unlike the strict bundle schema of the desired-state repository, because this is
/// observation, not a manifest a human wrote.
public struct ExportedBundle: Codable, Hashable, Sendable {
    /// `bundle: kubernetes`.
    public var isKubernetes: Bool
    public var defaultBase: String?
    public var series: String?
    public var applications: [String: ExportedApplication]
    public var machines: [String: ExportedMachine]
    /// Each relation as the two endpoints juju wrote (`app:endpoint` or `app`).
    public var relations: [[String]]
    /// Consumed offers: local name → offer URL.
    public var saas: [String: String]

    public init(isKubernetes: Bool = false, defaultBase: String? = nil, series: String? = nil,
                applications: [String: ExportedApplication] = [:], machines: [String: ExportedMachine] = [:],
                relations: [[String]] = [], saas: [String: String] = [:]) {
        self.isKubernetes = isKubernetes
        self.defaultBase = defaultBase
        self.series = series
        self.applications = applications
        self.machines = machines
        self.relations = relations
        self.saas = saas
    }

    enum CodingKeys: String, CodingKey {
        case bundle, series, applications, services, machines, relations, saas
        case defaultBase = "default-base"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        isKubernetes = container.string(.bundle) == "kubernetes"
        defaultBase = container.string(.defaultBase)
        series = container.string(.series)
        // Bundles older than Juju 2.0 call applications "services".
        let primary: [String: ExportedApplication] = container.map(.applications)
        applications = primary.isEmpty ? container.map(.services) : primary
        machines = (try? container.decodeIfPresent([String: OptionalMachine].self, forKey: .machines))?
            .mapValues { $0.machine ?? ExportedMachine() } ?? [:]
        relations = (try? container.decodeIfPresent([[LenientString]].self, forKey: .relations))?
            .map { $0.compactMap(\.value) } ?? []
        saas = container.map(.saas, of: SAAS.self).compactMapValues(\.url)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if isKubernetes { try container.encode("kubernetes", forKey: .bundle) }
        try container.encodeIfPresent(defaultBase, forKey: .defaultBase)
        try container.encodeIfPresent(series, forKey: .series)
        try container.encode(applications, forKey: .applications)
        if !machines.isEmpty { try container.encode(machines, forKey: .machines) }
        if !relations.isEmpty { try container.encode(relations, forKey: .relations) }
        if !saas.isEmpty { try container.encode(saas.mapValues { SAAS(url: $0) }, forKey: .saas) }
    }

    struct SAAS: Codable { var url: String? }

    /// `"0": null` is how bundles list a machine with no constraints.
    struct OptionalMachine: Decodable {
        let machine: ExportedMachine?
        init(from decoder: Decoder) throws {
            let single = try decoder.singleValueContainer()
            machine = single.decodeNil() ? nil : try? ExportedMachine(from: decoder)
        }
    }

    /// Reads `juju export-bundle` output. A later YAML document is an overlay (Juju writes
    /// offers there); its application keys are merged into the first document's.
    public static func parse(yaml text: String) throws -> ExportedBundle {
        let documents = try YAMLJSON.documents(fromYAML: text)
        guard let first = documents.first else {
            throw JujuDecodingError(document: "juju export-bundle", message: "the output is empty")
        }
        var bundle = try decodeDocument(first)
        for overlay in documents.dropFirst() {
            let extra = try decodeDocument(overlay)
            for (name, application) in extra.applications {
                if var existing = bundle.applications[name] {
                    existing.merge(overlay: application)
                    bundle.applications[name] = existing
                } else if !application.charm.isEmpty {
                    bundle.applications[name] = application
                }
            }
            bundle.relations += extra.relations
            bundle.saas.merge(extra.saas) { _, new in new }
        }
        return bundle
    }

    static func decodeDocument(_ data: Data) throws -> ExportedBundle {
        do { return try JSONDecoder().decode(ExportedBundle.self, from: data) }
        catch let error as DecodingError { throw JujuDecodingError(document: "juju export-bundle", underlying: error) }
    }

    /// The options of each application, as tenantctl compares configuration.
    public var applicationOptions: [String: [String: ConfigValue]] {
        applications.mapValues(\.options)
    }
}
