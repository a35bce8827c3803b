import TenantCore

/// `app:endpoint` (or a bare `app`) as bundles write relation sides.
struct RelationEndpoint: Hashable, Comparable {
    var application: String
    var endpoint: String?

    init(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        application = parts.first ?? text
        endpoint = parts.count > 1 ? parts[1] : nil
    }

    var text: String { endpoint.map { "\(application):\($0)" } ?? application }

    static func < (lhs: RelationEndpoint, rhs: RelationEndpoint) -> Bool { lhs.text < rhs.text }

    /// Whether an observed relation side satisfies this desired side.
    func matches(application other: String, endpoint otherEndpoint: String) -> Bool {
        application == other && (endpoint == nil || endpoint == otherEndpoint)
    }
}
