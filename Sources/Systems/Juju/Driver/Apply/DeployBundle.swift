import TenantCore
import Yams
import JujuPlanning
import PlanModel
import Reconciler

/// The effective bundle handed to `juju deploy`: the applications still missing from the model,
/// their machines and relations, with secrets resolved. Written to a private file juju can read (JujuFiles).
struct DeployBundle: Encodable {
    struct Application: Encodable {
        var charm: String
        var channel: String?
        var revision: Int?
        var numUnits: Int?
        var scale: Int?
        var to: [String]?
        var options: [String: ResolvedValue]?
        var expose: Bool?
        var trust: Bool?
        var constraints: String?
        var base: String?
        var series: String?
        var passthrough: [String: RawValue]

        enum CodingKeys: String, CodingKey {
            case charm, channel, revision, numUnits = "num_units", scale, to, options, expose, trust, constraints, base, series
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(charm, forKey: .charm)
            try container.encodeIfPresent(channel, forKey: .channel)
            try container.encodeIfPresent(revision, forKey: .revision)
            try container.encodeIfPresent(numUnits, forKey: .numUnits)
            try container.encodeIfPresent(scale, forKey: .scale)
            try container.encodeIfPresent(to, forKey: .to)
            try container.encodeIfPresent(options, forKey: .options)
            try container.encodeIfPresent(expose, forKey: .expose)
            try container.encodeIfPresent(trust, forKey: .trust)
            try container.encodeIfPresent(constraints, forKey: .constraints)
            try container.encodeIfPresent(base, forKey: .base)
            try container.encodeIfPresent(series, forKey: .series)
            var extra = encoder.container(keyedBy: AnyKey.self)
            for (key, value) in passthrough.sorted(by: { $0.key < $1.key }) { try extra.encode(value, forKey: AnyKey(key)) }
        }
    }

    var bundle: String?
    var applications: [String: Application]
    var machines: [String: BundleMachine]?
    var relations: [[String]]?
    var saas: [String: [String: String]]?

    /// Resolves secrets for `names` of `environment`; `includeMachines` is false when the model
    /// already has machines (placement then maps onto them).
    static func make(environment: DesiredEnvironment, names: [String], secrets: [String: [String: String]]) -> DeployBundle {
        var applications: [String: Application] = [:]
        for name in names {
            guard let desired = environment.application(named: name) else { continue }
            var options: [String: ResolvedValue] = [:]
            for (key, value) in desired.config {
                if value.vaultReference != nil, let secret = secrets[name]?[key] { options[key] = .string(secret) }
                else { options[key] = ResolvedValue(value) }
            }
            let kubernetes = environment.controllerKind == .k8s
            applications[name] = Application(
                charm: desired.charm, channel: desired.channel, revision: desired.revision,
                numUnits: kubernetes ? nil : desired.units, scale: kubernetes ? desired.units : nil,
                to: kubernetes || desired.to.isEmpty ? nil : desired.to, options: options.isEmpty ? nil : options,
                expose: desired.expose ? true : nil, trust: desired.trust ? true : nil, constraints: desired.constraints,
                base: desired.base, series: desired.series, passthrough: desired.passthrough)
        }
        let included = Set(names)
        let relations = environment.relations.filter { pair in
            pair.allSatisfy { included.contains(String($0.split(separator: ":").first ?? "")) || environment.saas[String($0.split(separator: ":").first ?? "")] != nil }
        }
        let usedSaas = environment.saas.filter { entry in relations.contains { $0.contains { $0.hasPrefix(entry.key) } } }
        let placed = Set(applications.values.flatMap { $0.to ?? [] }.map { String($0.split(separator: ":").last ?? "") })
        let machines = environment.bundleMachines.filter { placed.contains($0.key) }
        return DeployBundle(
            bundle: environment.controllerKind == .k8s ? "kubernetes" : nil, applications: applications,
            machines: machines.isEmpty ? nil : machines, relations: relations.isEmpty ? nil : relations,
            saas: usedSaas.isEmpty ? nil : usedSaas.mapValues { ["url": $0] })
    }

    /// Some application runs with the cloud credential (`trust: true`): `deploy --trust`.
    var needsTrust: Bool { applications.values.contains { $0.trust == true } }

    func yaml() throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        return try encoder.encode(self)
    }
}

/// A config value with its secret (if any) already resolved.
enum ResolvedValue: Encodable {
    case string(String), int(Int), double(Double), bool(Bool)

    init(_ value: ConfigValue) {
        switch value {
        case let .string(text): self = .string(text)
        case let .int(number): self = .int(number)
        case let .double(number): self = .double(number)
        case let .bool(flag): self = .bool(flag)
        case let .secret(reference): self = .string(reference.description)
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(text): try container.encode(text)
        case let .int(number): try container.encode(number)
        case let .double(number): try container.encode(number)
        case let .bool(flag): try container.encode(flag)
        }
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
