/// The operating system of a machine or an application in Juju 3 (`base: {name, channel}`);
/// Juju 2.9 printed a `series` (`focal`) instead.
public struct JujuBase: Codable, Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var channel: String

    public init(name: String, channel: String) {
        self.name = name
        self.channel = channel
    }

    /// Parses the CLI spelling `ubuntu@22.04` (optionally `/stable`).
    public init?(_ text: String) {
        let withoutRisk = text.split(separator: "/", maxSplits: 1).first.map(String.init) ?? text
        let parts = withoutRisk.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(name: parts[0], channel: parts[1])
    }

    /// The CLI spelling, `ubuntu@22.04`, as bundles and `--base` write it.
    public var description: String { "\(name)@\(channel)" }

    enum CodingKeys: String, CodingKey { case name, channel }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = container.string(.name) ?? ""
        channel = container.string(.channel) ?? ""
    }
}
