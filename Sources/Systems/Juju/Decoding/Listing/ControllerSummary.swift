/// One controller of `juju controllers --format=json` (Juju's `ControllerItem`).
public struct ControllerSummary: Codable, Hashable, Sendable {
    public var uuid: String
    public var cloud: String
    public var region: String?
    public var agentVersion: String?
    public var currentModel: String?
    public var user: String?
    public var access: String?
    public var apiEndpoints: [String]
    public var recentServer: String?
    public var modelCount: Int?
    /// IaaS controllers count machines, Kubernetes controllers nodes.
    public var machineCount: Int?
    public var nodeCount: Int?

    public init(uuid: String, cloud: String, region: String? = nil, agentVersion: String? = nil) {
        self.uuid = uuid
        self.cloud = cloud
        self.region = region
        self.agentVersion = agentVersion
        self.apiEndpoints = []
    }

    enum CodingKeys: String, CodingKey {
        case uuid, cloud, region, user, access
        case agentVersion = "agent-version"
        case currentModel = "current-model"
        case apiEndpoints = "api-endpoints"
        case recentServer = "recent-server"
        case modelCount = "model-count"
        case machineCount = "machine-count"
        case nodeCount = "node-count"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uuid = container.string(.uuid) ?? ""
        cloud = container.string(.cloud) ?? ""
        region = container.string(.region)
        agentVersion = container.string(.agentVersion)
        currentModel = container.string(.currentModel)
        user = container.string(.user)
        access = container.string(.access)
        apiEndpoints = container.strings(.apiEndpoints)
        recentServer = container.string(.recentServer)
        modelCount = container.int(.modelCount)
        machineCount = container.int(.machineCount)
        nodeCount = container.int(.nodeCount)
    }
}
