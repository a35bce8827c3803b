import Foundation
import JujuPlanning
import Reconciler
import TenantCore

/// Reads Juju's part of a snapshot with `JSONScanner`: the shapes `ObservedState`'s `Encodable`
/// writes (keys as named, optionals left out when nil, unknown keys skipped), built without
/// `JSONDecoder`, which took seconds at 10,000 tenants. ObservationSnapshotTests round-trips
/// every field through both.
extension ObservedState {
    public init(json scanner: inout JSONScanner) throws {
        var controllers: [String: ObservedController]?
        var models: [String: ModelObservation]?
        try scanner.object { scanner, key in
            switch key {
            case "controllers": controllers = try scanner.dictionary { try ObservedController(json: &$0) }
            case "models": models = try scanner.dictionary { try ModelObservation(json: &$0) }
            default: _ = try scanner.skipValue()
            }
        }
        self.init(controllers: try scanner.required(controllers, "controllers"), models: try scanner.required(models, "models"))
    }
}

extension ObservedController {
    init(json scanner: inout JSONScanner) throws {
        var known: Bool?, models: [String]?, error: String?
        try scanner.object { scanner, key in
            switch key {
            case "known": known = try scanner.bool()
            case "models": models = try scanner.list { try $0.string() }
            case "error": error = try scanner.optional { try $0.string() }
            default: _ = try scanner.skipValue()
            }
        }
        self.init(known: try scanner.required(known, "known"), models: try scanner.required(models, "models"), error: error)
    }
}

extension ModelObservation {
    init(json scanner: inout JSONScanner) throws {
        var state: String?, model: ObservedModel?, error: String?
        try scanner.object { scanner, key in
            switch key {
            case "state": state = try scanner.string()
            case "model": model = try ObservedModel(json: &scanner)
            case "error": error = try scanner.string()
            default: _ = try scanner.skipValue()
            }
        }
        switch try scanner.required(state, "state") {
        case "absent": self = .absent
        case "present": self = .present(try scanner.required(model, "model"))
        case "failed": self = .failed(try scanner.required(error, "error"))
        case let other: throw scanner.failure("unknown model state '\(other)'")
        }
    }
}

extension ObservedModel {
    init(json scanner: inout JSONScanner) throws {
        var name: String?, kind: Controller.Kind?, applications: [String: ObservedApplication]?
        var machines: [String: ObservedMachine]?, relations: [ObservedRelation]?
        try scanner.object { scanner, key in
            switch key {
            case "name": name = try scanner.string()
            case "kind":
                let text = try scanner.string()
                guard let value = Controller.Kind(rawValue: text) else { throw scanner.failure("unknown controller kind '\(text)'") }
                kind = value
            case "applications": applications = try scanner.dictionary { try ObservedApplication(json: &$0) }
            case "machines": machines = try scanner.dictionary { try ObservedMachine(json: &$0) }
            case "relations": relations = try scanner.list { try ObservedRelation(json: &$0) }
            default: _ = try scanner.skipValue()
            }
        }
        self.init(name: try scanner.required(name, "name"), kind: try scanner.required(kind, "kind"),
                  applications: try scanner.required(applications, "applications"), machines: try scanner.required(machines, "machines"),
                  relations: try scanner.required(relations, "relations"))
    }
}

extension ObservedApplication {
    init(json scanner: inout JSONScanner) throws {
        var charm: String?, channel: String?, revision: Int?, units: [ObservedUnit]?, scale: Int?
        var subordinate: Bool?, exposed: Bool?, config: [String: ConfigValue]?
        var appliedSecrets: [String: String]?, appliedDigests: [String: String]?
        try scanner.object { scanner, key in
            switch key {
            case "charm": charm = try scanner.string()
            case "channel": channel = try scanner.optional { try $0.string() }
            case "revision": revision = try scanner.optional { try $0.int() }
            case "units": units = try scanner.list { try ObservedUnit(json: &$0) }
            case "scale": scale = try scanner.optional { try $0.int() }
            case "subordinate": subordinate = try scanner.bool()
            case "exposed": exposed = try scanner.bool()
            case "config": config = try scanner.dictionary { try ConfigValue(json: &$0) }
            case "appliedSecrets": appliedSecrets = try scanner.dictionary { try $0.string() }
            case "appliedDigests": appliedDigests = try scanner.optional { try $0.dictionary { try $0.string() } }
            default: _ = try scanner.skipValue()
            }
        }
        self.init(charm: try scanner.required(charm, "charm"), channel: channel, revision: revision,
                  units: try scanner.required(units, "units"), scale: scale, subordinate: try scanner.required(subordinate, "subordinate"),
                  exposed: try scanner.required(exposed, "exposed"), config: try scanner.required(config, "config"),
                  appliedSecrets: try scanner.required(appliedSecrets, "appliedSecrets"), appliedDigests: appliedDigests)
    }
}

extension ObservedUnit {
    init(json scanner: inout JSONScanner) throws {
        var name: String?, machine: String?, workloadStatus: String?, workloadMessage: String?, agentStatus: String?, agentMessage: String?
        try scanner.object { scanner, key in
            switch key {
            case "name": name = try scanner.string()
            case "machine": machine = try scanner.optional { try $0.string() }
            case "workloadStatus": workloadStatus = try scanner.string()
            case "workloadMessage": workloadMessage = try scanner.optional { try $0.string() }
            case "agentStatus": agentStatus = try scanner.string()
            case "agentMessage": agentMessage = try scanner.optional { try $0.string() }
            default: _ = try scanner.skipValue()
            }
        }
        self.init(name: try scanner.required(name, "name"), machine: machine, workloadStatus: try scanner.required(workloadStatus, "workloadStatus"),
                  workloadMessage: workloadMessage, agentStatus: try scanner.required(agentStatus, "agentStatus"), agentMessage: agentMessage)
    }
}

extension ObservedMachine {
    init(json scanner: inout JSONScanner) throws {
        var id: String?, constraints: String?, base: String?, status: String?, containers: [String]?
        try scanner.object { scanner, key in
            switch key {
            case "id": id = try scanner.string()
            case "constraints": constraints = try scanner.optional { try $0.string() }
            case "base": base = try scanner.optional { try $0.string() }
            case "status": status = try scanner.string()
            case "containers": containers = try scanner.optional { try $0.list { try $0.string() } }
            default: _ = try scanner.skipValue()
            }
        }
        self.init(id: try scanner.required(id, "id"), constraints: constraints, base: base, status: try scanner.required(status, "status"),
                  containers: containers ?? [])
    }
}

extension ObservedRelation {
    init(json scanner: inout JSONScanner) throws {
        var application: String?, endpoint: String?, remoteApplication: String?
        try scanner.object { scanner, key in
            switch key {
            case "application": application = try scanner.string()
            case "endpoint": endpoint = try scanner.string()
            case "remoteApplication": remoteApplication = try scanner.string()
            default: _ = try scanner.skipValue()
            }
        }
        self.init(application: try scanner.required(application, "application"), endpoint: try scanner.required(endpoint, "endpoint"),
                  remoteApplication: try scanner.required(remoteApplication, "remoteApplication"))
    }
}

extension ConfigValue {
    /// As `ConfigValue`'s `Decodable` reads it: a boolean, a whole number, another number, else a
    /// string (a Vault reference when it parses as one). Numbers written with a fraction or an
    /// exponent go through `JSONDecoder` itself, so that whatever it makes of them is kept.
    init(json scanner: inout JSONScanner) throws {
        if let value = try scanner.boolIfPresent() {
            self = .bool(value)
        } else if scanner.nextIsString() {
            let text = try scanner.string()
            if case let .success(reference) = VaultReference.parse(text) { self = .secret(reference) } else { self = .string(text) }
        } else {
            let text = try scanner.numberText()
            if let value = Int(text) {
                self = .int(value)
            } else {
                do {
                    self = try JSONDecoder().decode(ConfigValue.self, from: Data(text.utf8))
                } catch {
                    throw scanner.failure("'\(text)' is not a configuration value")
                }
            }
        }
    }
}
