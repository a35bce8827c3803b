/// What a change does, named by its system (`juju.deploy`, `vault.check`, `dns.upsert`…). Kinds
/// are open: each system declares its own as static members in its planning target; the engine
/// only reads a change's generic ``Effect``.
public struct ChangeKind: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The system part of the name: `juju` for `juju.deploy`.
    public var system: String { String(rawValue.prefix { $0 != "." }) }

    public var description: String { rawValue }

    public static func < (lhs: ChangeKind, rhs: ChangeKind) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// How a change affects the world, whatever its system: what the plan counts, colours and limits.
public enum Effect: String, Sendable, Codable, CaseIterable {
    case create, update, delete
    /// Reads only (a Vault reference checked).
    case read
    /// Changes nothing, waits for something (a health gate).
    case wait
}
