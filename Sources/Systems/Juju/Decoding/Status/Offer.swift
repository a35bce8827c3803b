extension JujuStatus {
    /// An endpoint this model offers to other models (`offers` in `juju status`).
    public struct Offer: Codable, Hashable, Sendable {
        public var application: String
        /// The full charm URL form, e.g. `ch:amd64/loki-k8s-181`.
        public var charm: String?
        public var endpoints: [String: Endpoint]
        public var activeConnectedCount: Int?
        public var totalConnectedCount: Int?

        public init(application: String, charm: String? = nil, endpoints: [String: Endpoint] = [:]) {
            self.application = application
            self.charm = charm
            self.endpoints = endpoints
        }

        enum CodingKeys: String, CodingKey {
            case application, charm, endpoints
            case activeConnectedCount = "active-connected-count"
            case totalConnectedCount = "total-connected-count"
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            application = container.string(.application) ?? ""
            charm = container.string(.charm)
            endpoints = container.map(.endpoints)
            activeConnectedCount = container.int(.activeConnectedCount)
            totalConnectedCount = container.int(.totalConnectedCount)
        }
    }
}
