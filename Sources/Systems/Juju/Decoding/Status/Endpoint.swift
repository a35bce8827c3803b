extension JujuStatus {
    /// An endpoint of an offer or of a consumed remote application.
    public struct Endpoint: Codable, Hashable, Sendable {
        public var interface: String
        /// `provider`, `requirer` or `peer`.
        public var role: String?

        public init(interface: String, role: String? = nil) {
            self.interface = interface
            self.role = role
        }

        enum CodingKeys: String, CodingKey { case interface, role }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            interface = container.string(.interface) ?? ""
            role = container.string(.role)
        }
    }
}
