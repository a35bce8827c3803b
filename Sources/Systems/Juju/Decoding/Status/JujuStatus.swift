import Foundation

/// The output of `juju status --format=json`, Juju 2.9 to 3.6 (and JIMM's status-like shape).
///
/// Only what tenantctl reads is modelled; every other key is ignored, and every key but `model`
/// may be missing, because Juju changes its fields across versions (see
/// `shared/fixtures/real/JUJU-STATUS-FORMAT.md`). Machines, applications and units are keyed
/// by their Juju ids/names, exactly as in the JSON.
public struct JujuStatus: Codable, Hashable, Sendable {
    public var model: ModelInfo
    /// Empty on Kubernetes models.
    public var machines: [String: Machine]
    public var applications: [String: Application]
    /// What this model offers to others (`juju offer`).
    public var offers: [String: Offer]
    /// Consumed offers ("SAAS"), keyed by their local alias.
    public var applicationEndpoints: [String: RemoteApplication]
    /// `controller.timestamp`: the time of day of the query, in the client's zone.
    public var controllerTimestamp: String?

    public init(model: ModelInfo, machines: [String: Machine] = [:], applications: [String: Application] = [:],
                offers: [String: Offer] = [:], applicationEndpoints: [String: RemoteApplication] = [:],
                controllerTimestamp: String? = nil) {
        self.model = model
        self.machines = machines
        self.applications = applications
        self.offers = offers
        self.applicationEndpoints = applicationEndpoints
        self.controllerTimestamp = controllerTimestamp
    }

    enum CodingKeys: String, CodingKey {
        case model, machines, applications, offers, controller
        case applicationEndpoints = "application-endpoints"
    }

    struct Controller: Codable {
        var timestamp: String?
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // `model` is what makes this a status at all: without it, reject the document rather
        // than observe an empty model (an empty observation could otherwise plan deletions).
        model = try container.decode(ModelInfo.self, forKey: .model)
        machines = container.map(.machines)
        applications = container.map(.applications)
        offers = container.map(.offers)
        applicationEndpoints = container.map(.applicationEndpoints)
        controllerTimestamp = container.object(.controller, as: Controller.self)?.timestamp
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(machines, forKey: .machines)
        try container.encode(applications, forKey: .applications)
        if !offers.isEmpty { try container.encode(offers, forKey: .offers) }
        if !applicationEndpoints.isEmpty { try container.encode(applicationEndpoints, forKey: .applicationEndpoints) }
        if let controllerTimestamp { try container.encode(Controller(timestamp: controllerTimestamp), forKey: .controller) }
    }
}

extension JujuStatus {
    /// Decodes `juju status --format=json` output.
    public static func decode(json data: Data) throws -> JujuStatus {
        do {
            return try JSONDecoder().decode(JujuStatus.self, from: data)
        } catch let error as DecodingError {
            throw JujuDecodingError(document: "juju status", underlying: error)
        }
    }

    /// Decodes `juju status --format=yaml` output (same tree as JSON, see `YAMLJSON`).
    public static func decode(yaml text: String) throws -> JujuStatus {
        try decode(json: try YAMLJSON.data(fromYAML: text))
    }
}
