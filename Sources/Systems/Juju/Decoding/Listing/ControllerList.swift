import Foundation

/// The output of `juju controllers --format=json`: what the client knows, keyed by name.
public struct ControllerList: Codable, Hashable, Sendable {
    public var controllers: [String: ControllerSummary]
    public var currentController: String?

    public init(controllers: [String: ControllerSummary], currentController: String? = nil) {
        self.controllers = controllers
        self.currentController = currentController
    }

    enum CodingKeys: String, CodingKey {
        case controllers
        case currentController = "current-controller"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Juju prints `"controllers": null` when the client knows none.
        controllers = container.map(.controllers)
        currentController = container.string(.currentController).flatMap { $0.isEmpty ? nil : $0 }
    }

    public static func decode(json data: Data) throws -> ControllerList {
        do { return try JSONDecoder().decode(ControllerList.self, from: data) }
        catch let error as DecodingError { throw JujuDecodingError(document: "juju controllers", underlying: error) }
    }
}
