/// Checks inside tenantctl.yaml and between it and the offers and bundles.
enum FleetChecks {
    static func check(_ fleet: Fleet, sink: DiagnosticSink) {
        if fleet.controllers.isEmpty {
            sink.error("spec.controllers: the fleet needs at least one Juju controller", at: .start(of: fleet.file), field: "spec.controllers")
        }
        reportDuplicates(fleet.controllers.map(\.name), what: "controller", field: "spec.controllers", sink: sink)
        reportDuplicates(fleet.dnsProviders.map(\.name), what: "DNS provider", field: "spec.dns.providers", sink: sink)
        reportDuplicates(fleet.dnsZones.map(\.zone), what: "DNS zone", field: "spec.dns.zones", sink: sink)
        reportDuplicates(fleet.defaults.environments, what: "default environment", field: "spec.defaults.environments", sink: sink)

        if let controller = fleet.defaults.controller, fleet.controller(named: controller.value) == nil {
            sink.error("spec.defaults.controller: no controller named '\(controller.value)' in spec.controllers\(Suggestion.hint(for: controller.value, in: fleet.controllers.map(\.name.value)))",
                       at: controller.location, field: "spec.defaults.controller")
        }
        for zone in fleet.dnsZones where fleet.provider(named: zone.provider.value) == nil {
            sink.error("spec.dns.zones: zone '\(zone.zone.value)' names provider '\(zone.provider.value)', which is not in spec.dns.providers\(Suggestion.hint(for: zone.provider.value, in: fleet.dnsProviders.map(\.name.value)))",
                       at: zone.provider.location, field: "spec.dns.zones")
        }
        if let wildcard = fleet.wildcardDomain {
            let zone = fleet.dnsZones.first { $0.zone.value == wildcard.value }
            if zone == nil {
                sink.error("spec.wildcardDomain: '\(wildcard.value)' has no zone under spec.dns.zones; add it with the provider that hosts it",
                           at: wildcard.location, field: "spec.wildcardDomain")
            } else if zone?.wildcard == false {
                sink.error("spec.wildcardDomain: zone '\(wildcard.value)' must be declared with wildcard: true",
                           at: wildcard.location, field: "spec.wildcardDomain")
            }
        }
    }

    static func reportDuplicates(_ names: [Located<String>], what: String, field: String, sink: DiagnosticSink) {
        var first: [String: SourceLocation] = [:]
        for name in names {
            if let earlier = first[name.value] {
                sink.error("\(field): duplicate \(what) '\(name.value)' (first defined at \(earlier))", at: name.location, field: field)
                // Both ends: the first definition is as wrong as the second.
                sink.error("\(field): duplicate \(what) '\(name.value)' (also defined at \(name.location))", at: earlier, field: field)
            } else {
                first[name.value] = name.location
            }
        }
    }
}
