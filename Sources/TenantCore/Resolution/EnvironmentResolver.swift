/// Layers bundle → offer sizing → tenant overrides into one environment's effective state.
enum EnvironmentResolver {
    struct Layer {
        var sizing: EnvironmentSizing?
    }

    static func applications(bundle: Bundle, layers: [Layer]) -> [DesiredApplication] {
        var result: [DesiredApplication] = bundle.applicationOrder.compactMap { name in
            guard let app = bundle.applications[name] else { return nil }
            return DesiredApplication(
                name: name, charm: app.charm, channel: app.channel, revision: app.revision, units: app.units,
                config: app.options.mapValues(\.value), expose: app.expose, constraints: app.constraints,
                base: app.base ?? (app.series == nil ? bundle.defaultBase : nil), series: app.series ?? bundle.series,
                trust: app.trust, to: app.to, passthrough: app.passthrough)
        }
        for layer in layers {
            guard let sizing = layer.sizing else { continue }
            for index in result.indices {
                guard let override = sizing.applications[result[index].name] else { continue }
                apply(override, to: &result[index])
            }
        }
        return result.sorted { $0.name < $1.name }
    }

    static func apply(_ override: ApplicationOverride, to application: inout DesiredApplication) {
        if let channel = override.channel {
            // A new channel without a revision means "latest of that channel", not the bundle's pin.
            if channel.value != application.channel, override.revision == nil { application.revision = nil }
            application.channel = channel.value
        }
        if let revision = override.revision { application.revision = revision.value }
        if let units = override.units { application.units = units.value }
        for (key, value) in override.config { application.config[key] = value.value }
        if let expose = override.expose { application.expose = expose }
        if let constraints = override.constraints { application.constraints = constraints }
        if let base = override.base { application.base = base }
        if let trust = override.trust { application.trust = trust }
    }

    static func secrets(of applications: [DesiredApplication]) -> [String] {
        Set(applications.flatMap { $0.config.values.compactMap(\.vaultReference?.description) }).sorted()
    }
}
