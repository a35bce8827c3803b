extension JujuStatus {
    /// One entry of an application's `relations` map: the other end of a relation on one of
    /// this application's endpoints.
    ///
    /// Juju 2.9, 3.0, early 3.1 and JIMM write a bare application name (`"db": ["webapp"]`);
    /// Juju 3.1.x later through 3.6 write an object
    /// (`{related-application, interface, scope}`, `scope` missing for SAAS peers). Both read
    /// into this one shape; fields the old shape lacks are nil. It encodes in the 3.x shape.
    public struct RelationTarget: Codable, Hashable, Sendable {
        public var relatedApplication: String
        public var interface: String?
        /// `global`, or `container` for subordinate relations.
        public var scope: String?

        public init(relatedApplication: String, interface: String? = nil, scope: String? = nil) {
            self.relatedApplication = relatedApplication
            self.interface = interface
            self.scope = scope
        }

        enum CodingKeys: String, CodingKey {
            case interface, scope
            case relatedApplication = "related-application"
        }

        public init(from decoder: Decoder) throws {
            if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
                self.init(relatedApplication: name)
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard let name = container.string(.relatedApplication) else {
                throw DecodingError.keyNotFound(CodingKeys.relatedApplication, .init(
                    codingPath: decoder.codingPath, debugDescription: "a relation names its related application"))
            }
            self.init(relatedApplication: name, interface: container.string(.interface), scope: container.string(.scope))
        }

        /// True when the status said it in the 3.x object shape (it then names the interface).
        public var isObjectShape: Bool { interface != nil }
    }
}

extension KeyedDecodingContainer {
    /// `relations`: endpoint → related ends, keeping the good items of a partly odd list.
    func relations(_ key: Key) -> [String: [JujuStatus.RelationTarget]] {
        guard let raw = try? decodeIfPresent([String: [Lenient<JujuStatus.RelationTarget>]].self, forKey: key) else { return [:] }
        return raw.mapValues { $0.compactMap(\.value) }
    }
}
