/// `bundles/<name>.yaml`: an ordinary Juju bundle, the format `juju deploy` reads.
public struct Bundle: Sendable {
    public var name: Located<String>
    public var file: String
    /// `bundle: kubernetes` marks a bundle for k8s models.
    public var isKubernetes: Bool
    public var defaultBase: String?
    public var series: String?
    public var applications: [String: BundleApplication]
    public var applicationOrder: [String]
    public var machines: [String: BundleMachine]
    public var relations: [[Located<String>]]
    public var saas: [String: String]
}

public struct BundleApplication: Sendable {
    public var name: Located<String>
    public var charm: String
    public var channel: String?
    public var revision: Int?
    /// `num_units` on machine bundles, `scale` on k8s bundles; nil for subordinates.
    public var units: Int?
    public var to: [String]
    public var options: [String: Located<ConfigValue>]
    public var expose: Bool
    public var constraints: String?
    public var base: String?
    public var series: String?
    public var trust: Bool
    /// Fields passed through to Juju as written (storage, resources, bindings, annotations…).
    public var passthrough: [String: RawValue]
    /// `to` as written, with positions, for the checks that need the whole bundle (Placement).
    var placements: [Located<String>] = []
}

public struct BundleMachine: Hashable, Sendable, Codable {
    public var constraints: String?
    public var base: String?
    public var series: String?
}
