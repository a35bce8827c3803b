/// Checks between an offer and the bundle it uses.
enum OfferChecks {
    static func check(_ offer: Offer, manifests: ManifestSet, sink: DiagnosticSink) {
        let bundle = manifests.bundles[offer.bundle.value]
        if bundle == nil {
            sink.error("spec.bundle: no bundle named '\(offer.bundle.value)' under bundles/\(Suggestion.hint(for: offer.bundle.value, in: manifests.bundles.keys))",
                       at: offer.bundle.location, field: "spec.bundle")
        }
        if let controller = offer.controller, let fleet = manifests.fleet, fleet.controller(named: controller.value) == nil {
            sink.error("spec.controller: no controller named '\(controller.value)' in \(Fleet.fileName)\(Suggestion.hint(for: controller.value, in: fleet.controllers.map(\.name.value)))",
                       at: controller.location, field: "spec.controller")
        }
        for (environment, sizing) in offer.environments {
            if let bundle {
                ApplicationChecks.checkOverridesExist(sizing.applications.values, in: bundle, fieldPrefix: "spec.environments.\(environment).applications", sink: sink)
            }
            if offer.tenancy == .shared, offer.sharedModels[environment] == nil {
                sink.error("spec.environments.\(environment): a shared offer sizes only environments listed in spec.sharedModels (\(offer.sharedModels.keys.sorted().joined(separator: ", ")))",
                           at: sizing.location, field: "spec.environments.\(environment)")
            }
        }
    }
}

enum ApplicationChecks {
    static func checkOverridesExist(_ overrides: some Sequence<ApplicationOverride>, in bundle: Bundle, fieldPrefix: String, sink: DiagnosticSink) {
        for override in overrides where bundle.applications[override.name.value] == nil {
            let known = bundle.applicationOrder
            sink.error("\(fieldPrefix).\(override.name.value): bundle '\(bundle.name.value)' has no application '\(override.name.value)'\(Suggestion.hint(for: override.name.value, in: known)); it has: \(known.joined(separator: ", "))",
                       at: override.name.location, field: "\(fieldPrefix).\(override.name.value)")
        }
    }
}
