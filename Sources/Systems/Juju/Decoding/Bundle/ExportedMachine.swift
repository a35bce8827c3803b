/// A machine of an exported bundle: its id is the bundle's, not necessarily the model's.
public struct ExportedMachine: Codable, Hashable, Sendable {
    public var constraints: String?
    public var base: String?
    public var series: String?

    public init(constraints: String? = nil, base: String? = nil, series: String? = nil) {
        self.constraints = constraints
        self.base = base
        self.series = series
    }

    enum CodingKeys: String, CodingKey { case constraints, base, series }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        constraints = container.string(.constraints)
        base = container.string(.base)
        series = container.string(.series)
    }
}
