/// `offers/<name>.yaml`: the sizing template of one commercial offer.
public struct Offer: Sendable {
    public enum Tenancy: String, Sendable, Codable, CaseIterable {
        /// Each tenant environment gets a Juju model of its own.
        case dedicated
        /// Tenants share one model per environment, run by the offer (the `mutualise` offer).
        case shared
    }

    public var name: Located<String>
    public var file: String
    public var description: String?
    public var bundle: Located<String>
    public var tenancy: Tenancy
    /// For shared offers: the model each environment's tenants live in, and its controller.
    public var sharedModels: [String: Located<String>]
    public var controller: Located<String>?
    public var environments: [String: EnvironmentSizing]
}

enum OfferDecoder {
    static func decode(_ root: Field, expectedName: String) -> Offer? {
        guard let envelope = ManifestEnvelope.decode(root, kind: "Offer", expectedName: expectedName),
              let spec = envelope.spec?.mapping(
                allowed: ["description", "bundle", "tenancy", "sharedModels", "controller", "environments"],
                context: "Offer spec")
        else { return nil }
        let bundle = spec.required("bundle", expected: "the name of a file under bundles/")?.string()
        let tenancy = spec.optional("tenancy")?.oneOf(Offer.Tenancy.self)?.value ?? .dedicated
        var shared: [String: Located<String>] = [:]
        if let field = spec.optional("sharedModels") {
            if tenancy != .shared {
                field.error("only a shared offer (tenancy: shared) has shared models")
            }
            for (environment, modelField) in field.dictionary() ?? [] {
                guard let model = modelField.string() else { continue }
                if let problem = Names.labelProblem(model.value) {
                    modelField.error("'\(model.value)' is not a valid model name: it \(problem)")
                }
                shared[environment.value] = model
            }
        } else if tenancy == .shared {
            spec.required("sharedModels", expected: "the model of each environment, like {staging: mutualise-staging}")
                .map { _ in () }
        }
        var environments: [String: EnvironmentSizing] = [:]
        for (name, field) in spec.optional("environments")?.dictionary() ?? [] {
            if let problem = Names.labelProblem(name.value) {
                field.sink.error("\(field.path): '\(name.value)' is not a valid environment name: it \(problem)",
                                 at: name.location, field: field.path)
            }
            if let map = field.node.isNull ? nil : field.mapping(allowed: EnvironmentSizing.keys, context: "environment '\(name.value)'") {
                environments[name.value] = EnvironmentSizing.decode(map)
            }
        }
        guard let bundle else { return nil }
        return Offer(name: envelope.name, file: root.file,
                     description: spec.optional("description")?.string()?.value,
                     bundle: bundle, tenancy: tenancy, sharedModels: shared,
                     controller: spec.optional("controller")?.string(), environments: environments)
    }
}
