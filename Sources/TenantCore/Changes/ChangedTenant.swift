/// A tenant whose desired state may differ between two commits, and why.
public struct ChangedTenant: Hashable, Sendable, Codable {
    public enum Change: String, Sendable, Codable {
        case added, modified, removed
    }

    public enum Reason: Hashable, Sendable, Codable, CustomStringConvertible {
        case tenantFile(path: String)
        case renamed(from: String, to: String)
        case offer(name: String)
        case bundle(name: String)
        case fleet

        public var description: String {
            switch self {
            case let .tenantFile(path): return "tenant file \(path)"
            case let .renamed(from, to): return "tenant file renamed \(from) -> \(to)"
            case let .offer(name): return "offer \(name)"
            case let .bundle(name): return "bundle \(name)"
            case .fleet: return "fleet \(Fleet.fileName)"
            }
        }

        private enum CodingKeys: String, CodingKey { case kind, path, from, to, name }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case let .tenantFile(path):
                try container.encode("tenant-file", forKey: .kind)
                try container.encode(path, forKey: .path)
            case let .renamed(from, to):
                try container.encode("renamed", forKey: .kind)
                try container.encode(from, forKey: .from)
                try container.encode(to, forKey: .to)
            case let .offer(name):
                try container.encode("offer", forKey: .kind)
                try container.encode(name, forKey: .name)
            case let .bundle(name):
                try container.encode("bundle", forKey: .kind)
                try container.encode(name, forKey: .name)
            case .fleet:
                try container.encode("fleet", forKey: .kind)
            }
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .kind) {
            case "tenant-file": self = .tenantFile(path: try container.decode(String.self, forKey: .path))
            case "renamed": self = .renamed(from: try container.decode(String.self, forKey: .from), to: try container.decode(String.self, forKey: .to))
            case "offer": self = .offer(name: try container.decode(String.self, forKey: .name))
            case "bundle": self = .bundle(name: try container.decode(String.self, forKey: .name))
            default: self = .fleet
            }
        }
    }

    public var tenant: String
    public var change: Change
    public var reasons: [Reason]

    public init(tenant: String, change: Change, reasons: [Reason]) {
        self.tenant = tenant
        self.change = change
        self.reasons = reasons
    }
}
