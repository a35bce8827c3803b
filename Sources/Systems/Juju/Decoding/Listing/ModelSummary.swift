/// One model of `juju models --format=json`.
public struct ModelSummary: Codable, Hashable, Sendable {
    /// Qualified by owner: `admin/tenant-prod`.
    public var name: String
    public var shortName: String
    public var uuid: String
    public var modelType: ModelType
    public var controllerUUID: String?
    public var controllerName: String?
    public var isController: Bool
    public var owner: String?
    public var cloud: String?
    public var region: String?
    /// The provider type (`lxd`, `openstack`, `kubernetes`), not the model type.
    public var providerType: String?
    /// `alive`, `dying`, `dead`.
    public var life: String?
    public var status: StatusInfo?
    public var access: String?
    public var agentVersion: String?

    public init(name: String, shortName: String? = nil, uuid: String, modelType: ModelType, isController: Bool = false) {
        self.name = name
        self.shortName = shortName ?? name.split(separator: "/").last.map(String.init) ?? name
        self.uuid = uuid
        self.modelType = modelType
        self.isController = isController
    }

    enum CodingKeys: String, CodingKey {
        case name, owner, cloud, region, life, status, access
        case shortName = "short-name"
        case uuid = "model-uuid"
        case modelType = "model-type"
        case controllerUUID = "controller-uuid"
        case controllerName = "controller-name"
        case isController = "is-controller"
        case providerType = "type"
        case agentVersion = "agent-version"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = container.string(.name) ?? ""
        shortName = container.string(.shortName) ?? name.split(separator: "/").last.map(String.init) ?? name
        uuid = container.string(.uuid) ?? ""
        // Before 2.4 the model type was not listed; such models are machine models.
        modelType = container.string(.modelType).map(ModelType.init(rawValue:)) ?? .iaas
        controllerUUID = container.string(.controllerUUID)
        controllerName = container.string(.controllerName)
        isController = container.bool(.isController) ?? false
        owner = container.string(.owner)
        cloud = container.string(.cloud)
        region = container.string(.region)
        providerType = container.string(.providerType)
        life = container.string(.life)
        status = container.object(.status)
        access = container.string(.access)
        agentVersion = container.string(.agentVersion)
    }
}
