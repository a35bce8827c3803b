import Foundation
import Juju
import TenantCore
import Yams
import JujuPlanning
import PlanModel
import Reconciler

/// Carries out one action with the juju CLI. Every action is idempotent: it re-reads what it
/// needs from Juju at execution time and treats "already done" answers as success, so a rerun
/// after a crash or a lost reply never duplicates a machine, a unit or a model.
public struct JujuExecutor: Sendable {
    public var juju: JujuCLI
    public var desired: DesiredState
    public var journal: (any OwningJournal)?
    public var secrets: any SecretSource
    public var gate: HealthGate
    /// Every secret value read during the run, for cleaning what juju says back.
    public let redactor: SecretRedactor

    public init(juju: JujuCLI, desired: DesiredState, journal: (any OwningJournal)?, secrets: any SecretSource, gate: HealthGate,
                redactor: SecretRedactor = SecretRedactor()) {
        self.juju = juju
        self.desired = desired
        self.journal = journal
        self.secrets = secrets
        self.gate = gate
        self.redactor = redactor
    }

    /// Carries out `action`; returns values dependents read: after a health gate, the address
    /// of each gated application that has one (`address/<application>`), for DNS records.
    @discardableResult
    public func execute(_ action: Change) async throws -> [String: String] {
        let modelRef = "\(action.controller):\(action.model)"
        let environment = desired.environments.first { $0.id == action.environment }
        switch action.kind {
        case .addModel:
            // `--no-switch`: the operator's current model is theirs, not tenantctl's.
            var arguments = ["add-model", action.model]
            if case let .string(cloud)? = action.parameters["cloud"] { arguments.append(cloud) }
            arguments += ["-c", action.controller, "--no-switch"]
            if case let .string(credential)? = action.parameters["credential"] { arguments += ["--credential", credential] }
            do {
                try await juju.run(arguments)
                try journal?.recordManagedModel(controller: action.controller, model: action.model, environment: action.environment)
            } catch let error as JujuCommandError where error.kind == .alreadyExists {
                // Created by an earlier, interrupted run — or by someone else: not claimed.
            }
        case .addMachine:
            try await addMachines(action, environment: try require(environment, action))
        case .deploy:
            try await deploy(action, environment: try require(environment, action))
        case .refresh:
            try await refresh(action, model: modelRef)
        case .scale:
            try await scale(action, model: modelRef)
        case .removeUnit:
            try await tolerating([.entityNotFound]) { try await juju.run(["remove-unit", "-m", modelRef, action.target, "--no-prompt"]) }
        case .config:
            try await configure(action, environment: try require(environment, action))
        case .expose:
            let exposed = action.parameters["exposed"]?.description == "true"
            try await juju.run([exposed ? "expose" : "unexpose", "-m", modelRef, action.target])
        case .integrate:
            guard case let .strings(endpoints)? = action.parameters["endpoints"], endpoints.count == 2 else { throw malformed(action) }
            try await tolerating([.alreadyExists]) { try await juju.run(["integrate", "-m", modelRef, endpoints[0], endpoints[1]]) }
        case .removeRelation:
            guard case let .strings(endpoints)? = action.parameters["endpoints"], endpoints.count == 2 else { throw malformed(action) }
            try await tolerating([.entityNotFound]) { try await juju.run(["remove-relation", "-m", modelRef, endpoints[0], endpoints[1]]) }
        case .removeApplication:
            try await tolerating([.entityNotFound]) { try await juju.run(["remove-application", "-m", modelRef, action.target, "--no-prompt"]) }
            try journal?.forgetApplication(controller: action.controller, model: action.model, application: action.target)
        case .resetConfig:
            guard case let .strings(keys)? = action.parameters["keys"], !keys.isEmpty else { throw malformed(action) }
            try await juju.run(["config", "-m", modelRef, action.target, "--reset", keys.joined(separator: ",")])
        case .removeMachine:
            try await tolerating([.entityNotFound]) { try await juju.run(["remove-machine", "-m", modelRef, action.target, "--no-prompt"]) }
        case .destroyModel:
            // Storage is released, not destroyed: the data outlives the model until a person decides.
            try await destroyModel(action, model: modelRef)
            try journal?.forgetManagedModel(controller: action.controller, model: action.model)
        case .wait:
            guard case let .strings(applications)? = action.parameters["applications"] else { throw malformed(action) }
            var expected: [String: Int] = [:]
            for name in applications { expected[name] = environment?.application(named: name)?.units }
            let status = try await gate.wait(juju: juju, controller: action.controller, model: action.model,
                                             applications: applications, expectedUnits: expected.compactMapValues { $0 })
            return Self.addresses(of: applications, status: status, model: action.model)
        default:
            throw ExecutorError("\(action.id): \(action.kind.rawValue) is not a kind of change Juju knows (a plan file edited by hand?)")
        }
        return [:]
    }

    /// The addresses of healthy applications, read once the gate passed (a DNS record that
    /// waits on this gate takes its value from here).
    static func addresses(of applications: [String], status: JujuStatus, model: String) -> [String: String] {
        let observed = ObservedModelAdapter.model(name: model, status: status, bundle: nil, appliedSecrets: [:])
        var values: [String: String] = [:]
        for name in applications {
            if let address = observed.applications[name]?.address { values[IngressAddressValue.name(application: name)] = address }
        }
        return values
    }

    // MARK: actions that read before they write

    private func addMachines(_ action: Change, environment: DesiredEnvironment) async throws {
        guard let index = Int(action.target.dropFirst("group-".count)), environment.machines.indices.contains(index) else {
            throw malformed(action)
        }
        let group = environment.machines[index]
        let status = try await juju.status(controller: action.controller, model: action.model)
        let observed = ObservedModelAdapter.model(name: action.model, status: status, bundle: nil, appliedSecrets: [:])
        let have = MachineMatcher.count(group: group, index: index, groups: environment.machines, machines: observed.machines)
        guard have < group.count else { return }
        var arguments = ["add-machine", "-m", "\(action.controller):\(action.model)", "-n", String(group.count - have)]
        if let constraints = group.constraints { arguments += ["--constraints", constraints] }
        if let base = group.base { arguments += ["--base", base] }
        try await juju.run(arguments)
    }

    private func deploy(_ action: Change, environment: DesiredEnvironment) async throws {
        guard case let .strings(names)? = action.parameters["applications"] else { throw malformed(action) }
        let status = try await juju.status(controller: action.controller, model: action.model)
        let missing = names.filter { status.applications[$0] == nil }
        // Present already: an earlier attempt deployed them and its reply was lost. What it
        // applied is recorded all the same, or the options would read "not set by tenantctl".
        guard !missing.isEmpty else {
            try recordSecrets(SecretUses.of(environment: environment, applications: names), action: action)
            return
        }
        let resolved = try await resolveSecrets(environment: environment, applications: missing, keys: nil)
        let bundle = DeployBundle.make(environment: environment, names: missing, secrets: resolved.values)
        var arguments = ["deploy", "-m", "\(action.controller):\(action.model)"]
        if !status.machines.isEmpty { arguments.append("--map-machines=existing") }
        // Juju refuses a bundle with trusted applications unless the deploy grants the trust.
        if bundle.needsTrust { arguments.append("--trust") }
        try await juju.files.with(contents: try bundle.yaml(), suffix: ".yaml") { path in
            try await juju.run(arguments + [path], timeout: juju.longTimeout)
        }
        try recordSecrets(SecretUses.of(environment: environment, applications: names), action: action, values: resolved.values,
                          versions: resolved.versions)
    }

    /// Juju refuses `--switch` with `--revision`: a charm switch to a pinned revision is a switch
    /// on the channel, then a refresh to the revision. Each step reads first, so a retry after
    /// the first step does not switch again.
    private func refresh(_ action: Change, model: String) async throws {
        var channel: [String] = []
        if case let .string(name)? = action.parameters["channel"] { channel = ["--channel", name] }
        var revision: [String] = []
        if case let .int(number)? = action.parameters["revision"] { revision = ["--revision", String(number)] }
        let base = ["refresh", "-m", model, action.target]
        guard case let .string(charm)? = action.parameters["switch"] else {
            try await tolerating([.alreadyExists]) { try await juju.run(base + channel + revision) }
            return
        }
        let status = try await juju.status(controller: action.controller, model: action.model)
        guard let current = status.applications[action.target] else {
            throw ExecutorError("\(action.id): application \(action.target) is not in model \(action.model) any more")
        }
        if current.charmName != charm {
            try await tolerating([.alreadyExists]) { try await juju.run(base + ["--switch", charm] + channel) }
        }
        if !revision.isEmpty {
            try await tolerating([.alreadyExists]) { try await juju.run(base + channel + revision) }
        }
    }

    /// destroy-model returns when the model is gone, which can take long after its call timed
    /// out; `juju models` then tells whether it is gone (done) or still draining (not yet).
    private func destroyModel(_ action: Change, model: String) async throws {
        do {
            try await tolerating([.modelNotFound, .entityNotFound]) {
                try await juju.run(["destroy-model", model, "--no-prompt", "--release-storage"], timeout: juju.longTimeout)
            }
        } catch let error as JujuCommandError where error.timedOut {
            guard try await juju.lists(model: action.model, controller: action.controller) else { return }
            throw JujuCommandError(command: error.command, kind: .other,
                                   message: "model \(action.model) is still being destroyed after \(error.message); the next run checks it again")
        }
    }

    private func scale(_ action: Change, model: String) async throws {
        guard case let .int(target)? = action.parameters["to"] else { throw malformed(action) }
        if action.parameters["method"]?.description == "scale-application" {
            try await juju.run(["scale-application", "-m", model, action.target, String(target)])
            return
        }
        // add-unit adds, it does not set: count again so a retry never adds twice.
        let status = try await juju.status(controller: action.controller, model: action.model)
        let have = status.applications[action.target]?.units.count ?? 0
        if have < target {
            try await juju.run(["add-unit", "-m", model, action.target, "-n", String(target - have)])
        }
    }

    private func configure(_ action: Change, environment: DesiredEnvironment) async throws {
        guard case let .strings(keys)? = action.parameters["keys"], let application = environment.application(named: action.target) else {
            throw malformed(action)
        }
        let resolved = try await resolveSecrets(environment: environment, applications: [action.target], keys: Set(keys))
        var values: [String: ResolvedValue] = [:]
        for key in keys {
            guard let value = application.config[key] else { continue }
            if value.vaultReference != nil { values[key] = .string(resolved.values[action.target]?[key] ?? "") }
            else { values[key] = ResolvedValue(value) }
        }
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        let document = try encoder.encode([action.target: values])
        try await juju.files.with(contents: document, suffix: ".yaml") { path in
            try await juju.run(["config", "-m", "\(action.controller):\(action.model)", action.target, "--file", path])
        }
        try recordSecrets(resolved.uses, action: action, values: resolved.values, versions: resolved.versions)
    }

    // MARK: helpers

    private struct ResolvedSecrets {
        var values: [String: [String: String]] = [:]
        var versions: [String: [String: Int]] = [:]
        var uses: [SecretUse] = []
    }

    private func resolveSecrets(environment: DesiredEnvironment, applications: [String], keys: Set<String>?) async throws -> ResolvedSecrets {
        var resolved = ResolvedSecrets()
        resolved.uses = SecretUses.of(environment: environment, applications: applications, keys: keys)
        for use in resolved.uses {
            let (value, version) = try await secrets.versionedValue(for: use.reference, in: environment)
            redactor.register(value)
            resolved.values[use.application, default: [:]][use.key] = value
            if let version { resolved.versions[use.application, default: [:]][use.key] = version }
        }
        return resolved
    }

    /// Records the references applied and, where the value is known, its keyed digest (what
    /// Juju reports is compared with it to see a secret changed out of band): one write each.
    private func recordSecrets(_ uses: [SecretUse], action: Change, values: [String: [String: String]] = [:],
                               versions: [String: [String: Int]] = [:]) throws {
        let digestKey = values.isEmpty ? nil : try journal?.secretDigestKey(create: true)
        let environment = desired.environments.first { $0.id == action.environment }
        for use in uses {
            // With the version it was read at, when the source has versions (rotation is seen by
            // it), and the tenant's own Vault when it names one (as the planner compares it).
            let identity = environment?.secretIdentity(use.reference) ?? use.reference.description
            let applied = AppliedSecret(reference: identity, version: versions[use.application]?[use.key]).recorded
            let digest = digestKey.flatMap { key in values[use.application]?[use.key].map { SecretDigest.of($0, key: key) } }
            try journal?.recordAppliedSecret(controller: action.controller, model: action.model, application: use.application,
                                             key: use.key, reference: applied, digest: digest)
        }
    }

    private func tolerating(_ kinds: Set<JujuCLIError>, _ body: () async throws -> Void) async throws {
        do { try await body() } catch let error as JujuCommandError where kinds.contains(error.kind) {}
    }

    private func require(_ environment: DesiredEnvironment?, _ action: Change) throws -> DesiredEnvironment {
        guard let environment else { throw ExecutorError("\(action.id): environment \(action.environment) is not in the desired state") }
        return environment
    }

    private func malformed(_ action: Change) -> ExecutorError {
        ExecutorError("\(action.id): the action lacks the parameters its kind needs (a plan file edited by hand?)")
    }
}

public struct ExecutorError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
