import Foundation
import Juju
import TenantCore
import JujuPlanning
import PlanModel
import Reconciler

/// Observes every model the desired state names, concurrently with a bound.
///
/// Level-triggered and conservative: a model Juju does not list is `absent` (the plan creates
/// it); a model whose status cannot be read is `failed` (the plan does nothing there); a
/// controller Juju does not know is reported for the tenants on it.
public struct Observer: Sendable {
    public var juju: JujuCLI
    public var parallelism: Int
    public var journal: (any OwningJournal)?
    /// Reads are retried on transient failures like writes, but all attempts of one read fit in
    /// the call timeout: a bad minute of the API must not turn into "cannot observe".
    public var retry: RetryPolicy

    public init(juju: JujuCLI, parallelism: Int, journal: (any OwningJournal)?, retry: RetryPolicy = RetryPolicy()) {
        self.juju = juju
        self.parallelism = max(1, parallelism)
        self.journal = journal
        self.retry = retry
    }

    /// - Parameter controllers: the controllers of the fleet (observed even without models, so
    ///   that models of deleted tenants are seen).
    public func observe(_ desired: DesiredState, controllers fleetControllers: [String]) async -> ObservedState {
        var state = ObservedState()
        let names = Set(fleetControllers).union(desired.environments.map(\.controller)).sorted()
        // The controller list and each controller's model list are asked for at once: one round
        // trip to Juju before the models are read, not two. The listing of a controller Juju does
        // not know fails, and is dropped.
        async let controllerList = Result { try await read { try await $0.controllers() } }
        let allListings = await boundedMap(names) { name in
            (name, await Result { try await read { try await $0.models(controller: name) } })
        }
        let known: Set<String>
        switch await controllerList {
        case let .success(list):
            known = Set(list.controllers.keys)
        case let .failure(error):
            for name in names { state.controllers[name] = ObservedController(known: false, error: "cannot list Juju controllers: \(error)") }
            return state
        }
        let listings = allListings.filter { known.contains($0.0) }
        for name in names where !known.contains(name) {
            state.controllers[name] = ObservedController(known: false, error: "controller '\(name)' is not known to Juju (bootstrap it, or fix tenantctl.yaml)")
        }
        let managed: [String: String]
        let digestKey: [UInt8]?
        do {
            managed = try journal?.managedModels() ?? [:]
            digestKey = try journal?.secretDigestKey(create: false)
        } catch {
            for name in names { state.controllers[name] = ObservedController(known: false, error: "cannot read the journal: \(error)") }
            return state
        }
        var modelsByController: [String: Set<String>] = [:]
        var dyingByController: [String: Set<String>] = [:]
        for (name, listing) in listings {
            switch listing {
            case let .success(list):
                // A dying model is on its way out: nothing to plan for it, nor to destroy again.
                let dying = list.dyingModelNames
                let models = list.workloadModelNames.filter { !dying.contains($0) }
                // An empty listing where tenantctl created models is far likelier a broken answer
                // than a controller emptied by hand: planning from it would recreate everything.
                let created = managed.keys.filter { $0.hasPrefix(name + "/") }.count
                if list.workloadModelNames.isEmpty, created > 0 {
                    state.controllers[name] = ObservedController(known: false, error: "juju models lists no model on controller '\(name)', but the journal says tenantctl created \(created) there; not planning from an empty listing (if they were destroyed on purpose, use another --state-dir)")
                    continue
                }
                state.controllers[name] = ObservedController(known: true, models: models)
                modelsByController[name] = Set(models)
                dyingByController[name] = dying
            case let .failure(error):
                state.controllers[name] = ObservedController(known: false, error: "cannot list the models of controller '\(name)': \(error)")
            }
        }
        var targets: [(controller: String, model: String)] = []
        var seen = Set<String>()
        for environment in desired.environments where !environment.sharedModel {
            let key = ObservedState.key(controller: environment.controller, model: environment.model)
            guard let models = modelsByController[environment.controller], seen.insert(key).inserted else { continue }
            if dyingByController[environment.controller]?.contains(environment.model) == true {
                state.models[key] = .failed("model \(environment.model) is being destroyed; it can be created again once Juju no longer lists it")
            } else if models.contains(environment.model) {
                targets.append((environment.controller, environment.model))
            } else {
                state.models[key] = .absent
            }
        }
        var secretOptions: [String: [String: Set<String>]] = [:]
        for environment in desired.environments {
            let key = ObservedState.key(controller: environment.controller, model: environment.model)
            for application in environment.applications {
                let keys = application.config.filter { $0.value.vaultReference != nil }.keys
                secretOptions[key, default: [:]][application.name, default: []].formUnion(keys)
            }
        }
        let observations = await boundedMap(targets) { [secretOptions] target in
            let key = ObservedState.key(controller: target.controller, model: target.model)
            return (key, await observeModel(controller: target.controller, model: target.model, secretOptions: secretOptions[key] ?? [:],
                                            digestKey: digestKey))
        }
        for (key, observation) in observations { state.models[key] = observation }
        return state
    }

    func observeModel(controller: String, model: String, secretOptions: [String: Set<String>] = [:], digestKey: [UInt8]? = nil) async -> ModelObservation {
        do {
            let status = try await read { try await $0.status(controller: controller, model: model) }
            // An entity juju could not read is not an observation: planning from it would refresh
            // or remove what is only unreadable.
            if let (name, application) = status.applications.first(where: { $0.value.statusError != nil }) {
                return .failed("juju status could not read application \(name): \(application.statusError!)")
            }
            // Juju refuses to export a model without applications: one call saved per empty model.
            let bundle = status.applications.isEmpty ? ExportedBundle() : try await read { try await $0.exportBundle(controller: controller, model: model) }
            let secrets = try journal?.appliedSecrets(controller: controller, model: model) ?? [:]
            let digests = try journal?.appliedSecretDigests(controller: controller, model: model) ?? [:]
            return .present(ObservedModelAdapter.model(name: model, status: status, bundle: bundle, appliedSecrets: secrets,
                                                       secretOptions: secretOptions, digestKey: digestKey, appliedDigests: digests))
        } catch let error as JujuCommandError where error.kind == .modelNotFound {
            // Listed a moment ago: destroyed since, or a confused API. Either way, creating it
            // again now would be a guess; the next run sees which.
            return .failed("juju models lists model \(model) but juju status says it is not found (\(error.message)); not planned until both agree")
        } catch {
            return .failed("\(error)")
        }
    }

    /// One read with retries on transient failures, every attempt within what is left of one
    /// call timeout.
    func read<T>(_ body: (JujuCLI) async throws -> T) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + juju.timeout
        var attempt = 1
        while true {
            var cli = juju
            cli.timeout = max(.milliseconds(100), clock.now.duration(to: deadline))
            do {
                return try await body(cli)
            } catch let error as JujuCommandError where error.isTransient && attempt < retry.attempts {
                let delay = retry.delay(afterAttempt: attempt)
                guard clock.now + delay < deadline else { throw error }
                try await Task.sleep(for: delay)
                attempt += 1
            }
        }
    }

    /// Runs `body` over `items` with at most `parallelism` in flight, keeping the input order.
    func boundedMap<Item: Sendable, Output: Sendable>(_ items: [Item], _ body: @escaping @Sendable (Item) async -> Output) async -> [Output] {
        await BoundedMap.run(items, parallelism: parallelism, body)
    }
}

extension Result where Failure == Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
