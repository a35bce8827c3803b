import Foundation

/// The output of `juju models --format=json` (Juju 3.x `ModelSummarySet`).
public struct ModelList: Codable, Hashable, Sendable {
    public var models: [ModelSummary]
    /// The current model, relative to the logged-in user (`foo`, or `bob/foo` for another owner).
    public var currentModel: String?

    public init(models: [ModelSummary], currentModel: String? = nil) {
        self.models = models
        self.currentModel = currentModel
    }

    enum CodingKeys: String, CodingKey {
        case models
        case currentModel = "current-model"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // `models` is what makes the document a model list; an empty controller prints `[]`.
        models = try container.decode([Lenient<ModelSummary>].self, forKey: .models).compactMap(\.value)
        currentModel = container.string(.currentModel)
    }

    public static func decode(json data: Data) throws -> ModelList {
        do { return try JSONDecoder().decode(ModelList.self, from: data) }
        catch let error as DecodingError { throw JujuDecodingError(document: "juju models", underlying: error) }
    }

    /// The model with this short name (`tenant-prod`), or qualified name (`admin/tenant-prod`).
    public func model(named name: String) -> ModelSummary? {
        models.first { $0.shortName == name || $0.name == name }
    }

    /// Short names of the models being destroyed (`life: dying`): still listed, soon gone.
    public var dyingModelNames: Set<String> {
        Set(models.filter { !$0.isController && $0.life == "dying" }.map(\.shortName))
    }

    /// Short names of the models users deploy to (the controller model left out).
    public var workloadModelNames: [String] {
        models.filter { !$0.isController }.map(\.shortName).sorted()
    }
}
