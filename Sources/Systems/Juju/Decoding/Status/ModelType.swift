/// The kind of a Juju model: machines (`iaas`) or Kubernetes (`caas`).
public enum ModelType: Hashable, Sendable, Codable, CustomStringConvertible {
    case iaas
    case caas
    /// A value this version of tenantctl does not know, kept as written.
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "iaas": self = .iaas
        case "caas": self = .caas
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .iaas: return "iaas"
        case .caas: return "caas"
        case let .other(value): return value
        }
    }

    public var description: String { rawValue }
    public var isKubernetes: Bool { self == .caas }

    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
