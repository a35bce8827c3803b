/// The `model` block of `juju status`.
public struct ModelInfo: Codable, Hashable, Sendable {
    public var name: String
    public var type: ModelType
    public var controller: String
    public var cloud: String
    public var region: String?
    /// The model's agent version; JIMM prints 4 parts (`3.2.2.1`).
    public var version: String
    public var modelStatus: StatusInfo?
    public var sla: String?

    public init(name: String, type: ModelType, controller: String, cloud: String, region: String? = nil,
                version: String, modelStatus: StatusInfo? = nil, sla: String? = nil) {
        self.name = name
        self.type = type
        self.controller = controller
        self.cloud = cloud
        self.region = region
        self.version = version
        self.modelStatus = modelStatus
        self.sla = sla
    }

    enum CodingKeys: String, CodingKey {
        case name, type, controller, cloud, region, version, sla
        case modelStatus = "model-status"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = container.string(.name) ?? ""
        // Juju 2.9 omitted `type` on old machine models; machines are the historical default.
        type = container.string(.type).map(ModelType.init(rawValue:)) ?? .iaas
        controller = container.string(.controller) ?? ""
        cloud = container.string(.cloud) ?? ""
        region = container.string(.region)
        version = container.string(.version) ?? ""
        modelStatus = container.object(.modelStatus)
        sla = container.string(.sla)
    }
}
