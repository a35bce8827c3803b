import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore

/// Out-of-band changes a converged model suffers, each one that `plan` must answer with an
/// action: someone removed a unit, changed a config option, or refreshed a charm to another channel.
enum DriftKind: String, CaseIterable, Sendable, Encodable {
    case unitRemoved = "unit-removed"
    case configChanged = "config-changed"
    case channelChanged = "channel-changed"
}

enum DriftInjection {
    /// Applies one drift of a kind the model allows; nil when it allows none (nothing changed).
    static func apply(to model: inout ObservedModel, using random: inout SeededGenerator) -> DriftKind? {
        let names = model.applications.keys.sorted()
        var choices: [(DriftKind, String)] = []
        for name in names {
            let application = model.applications[name]!
            if !application.subordinate, !application.units.isEmpty { choices.append((.unitRemoved, name)) }
            if !application.config.isEmpty { choices.append((.configChanged, name)) }
            if application.channel != nil { choices.append((.channelChanged, name)) }
        }
        let kinds = DriftKind.allCases.filter { kind in choices.contains { $0.0 == kind } }
        guard !kinds.isEmpty else { return nil }
        let kind = random.pick(kinds)
        let name = random.pick(choices.filter { $0.0 == kind }).1
        var application = model.applications[name]!
        switch kind {
        case .unitRemoved:
            // `juju remove-unit`: the newest unit goes; on k8s the scale follows.
            application.units.removeLast()
            if application.scale != nil { application.scale = application.units.count }
        case .configChanged:
            let key = random.pick(application.config.keys.sorted())
            application.config[key] = edited(application.config[key]!)
        case .channelChanged:
            // `juju refresh --channel`: another risk of the same track, and the revision it publishes.
            let channel = application.channel!
            let parts = channel.split(separator: "/", maxSplits: 1).map(String.init)
            let risk = parts.count == 2 ? parts[1] : channel
            application.channel = "\(parts.count == 2 ? parts[0] : "latest")/\(risk == "stable" ? "candidate" : "stable")"
            application.revision = (application.revision ?? 0) + 1
        }
        model.applications[name] = application
        return kind
    }

    /// A different value of the same type, as a person typing `juju config` would set.
    private static func edited(_ value: ConfigValue) -> ConfigValue {
        switch value {
        case let .string(text): return .string(text + "-edited")
        case let .int(number): return .int(number + 1)
        case let .double(number): return .double(number + 0.5)
        case let .bool(flag): return .bool(!flag)
        case let .secret(reference): return .string(reference.description + "-edited")
        }
    }
}
