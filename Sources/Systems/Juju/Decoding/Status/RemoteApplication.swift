extension JujuStatus {
    /// A consumed offer ("SAAS" in the tabular view), under `application-endpoints`.
    public struct RemoteApplication: Codable, Hashable, Sendable {
        /// `[controller:]owner/model.offer`, e.g. `k8s-nov08:admin/obc-502.loki`.
        public var url: String
        public var endpoints: [String: Endpoint]
        public var applicationStatus: StatusInfo?
        /// Endpoint → local applications. Strings even in 3.x; read like application relations.
        public var relations: [String: [RelationTarget]]
        public var life: String?
        public var statusError: String?

        public init(url: String, endpoints: [String: Endpoint] = [:], applicationStatus: StatusInfo? = nil,
                    relations: [String: [RelationTarget]] = [:]) {
            self.url = url
            self.endpoints = endpoints
            self.applicationStatus = applicationStatus
            self.relations = relations
        }

        enum CodingKeys: String, CodingKey {
            case url, endpoints, relations, life
            case applicationStatus = "application-status"
            case statusError = "status-error"
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            url = container.string(.url) ?? ""
            endpoints = container.map(.endpoints)
            applicationStatus = container.object(.applicationStatus)
            relations = container.relations(.relations)
            life = container.string(.life)
            statusError = container.string(.statusError)
        }
    }
}
