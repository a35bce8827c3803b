import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Store
import Systems

/// The engine's journal on the SQLite state store.
struct StoreJournal: Journal, OwnedResourceTree, OwnedResourceReferenceBook {
    let store: StateStore

    static func open(_ options: EngineOptions) throws -> StoreJournal {
        let directory = options.stateDir ?? StateStore.defaultDirectory()
        do {
            return StoreJournal(store: try StateStore(directory: directory))
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// For commands that only read (plan, drift, observe): a state directory that does not exist
    /// is not created — nothing was ever recorded there, said once on standard error — but one
    /// that exists and cannot be opened is an error naming it: planning without the journal
    /// would show false differences (secrets "not set by tenantctl", models it cannot destroy).
    static func openForReading(_ options: EngineOptions) throws -> StoreJournal? {
        let directory = options.stateDir ?? StateStore.defaultDirectory()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            StandardStreams.error("note: no state directory at \(directory): tenantctl has recorded nothing there yet, so no secret counts as applied (set --state-dir if the journal is elsewhere)")
            return nil
        }
        guard isDirectory.boolValue else {
            throw CLIError("the state directory \(directory) is not a directory; set --state-dir to the folder that holds tenantctl.sqlite")
        }
        return try open(options)
    }

    func startRun(command: String, commit: String?, fingerprint: String?) throws -> Int64 {
        try store.startRun(command: command, commit: commit, fingerprint: fingerprint, at: Date())
    }

    func finishRun(_ run: Int64, succeeded: Bool, summary: String) throws {
        try store.finishRun(run, status: succeeded ? .succeeded : .failed, summary: summary, at: Date())
    }

    func interruptRun(_ run: Int64, summary: String) throws {
        try store.finishRun(run, status: .interrupted, summary: summary, at: Date())
    }

    func startAction(run: Int64, action: String, kind: String, tenant: String?, environment: String, target: String, attempt: Int) throws -> Int64 {
        try store.startAction(run: run, actionID: action, kind: kind, tenant: tenant, environment: environment, target: target,
                              attempt: attempt, at: Date())
    }

    func finishAction(_ entry: Int64, succeeded: Bool, error: String?) throws {
        try store.finishAction(entry, result: succeeded ? .succeeded : .failed, error: error, at: Date())
    }

    func recordNotRun(run: Int64, action: String, kind: String, tenant: String?, environment: String, target: String,
                      reason: String, interrupted: Bool) throws {
        let entry = try store.startAction(run: run, actionID: action, kind: kind, tenant: tenant, environment: environment, target: target,
                                          attempt: 0, at: Date())
        try store.finishAction(entry, result: interrupted ? .interrupted : .skipped, error: reason, at: Date())
    }

    /// What tenantctl owns, by system then address → owning environment (resources recorded
    /// without an owner are left out: nothing may be removed on their account).
    func owned() throws -> [String: [String: String]] {
        var owned: [String: [String: String]] = [:]
        for system in Systems.all {
            for resource in try store.ownedResources(system: system.name) {
                guard let owner = resource.owner else { continue }
                owned[system.name, default: [:]][resource.address] = owner
            }
        }
        return owned
    }

    func ownedResources(of system: String) throws -> [String: String] {
        var owned: [String: String] = [:]
        for resource in try store.ownedResources(system: system) { owned[resource.address] = resource.owner ?? "" }
        return owned
    }

    func recordOwnedResource(system: String, address: String, owner: String) throws {
        try store.recordOwnedResource(system: system, address: address, owner: owner, at: Date())
    }

    func ownedResourceReferences(of system: String) throws -> [String: String] {
        var references: [String: String] = [:]
        for resource in try store.ownedResources(system: system) { references[resource.address] = resource.applied }
        return references
    }

    func recordOwnedResource(system: String, address: String, owner: String, applied: String) throws {
        try store.recordOwnedResource(system: system, address: address, owner: owner, applied: applied, at: Date())
    }

    func secretDigestKey(create: Bool) throws -> [UInt8]? { try store.secretDigestKey(create: create) }

    // MARK: - The tree of owned resources (Juju's models and applied secrets)

    func ownedEntries(system: String, under address: String?) throws -> [OwnedEntry] {
        try store.ownedResources(system: system, under: address).map {
            OwnedEntry(address: $0.address, owner: $0.owner, applied: $0.applied, digest: $0.digest)
        }
    }

    func recordOwnedEntry(system: String, address: String, owner: String?, applied: String?, digest: String?, owningSubtree: Bool) throws {
        try store.recordOwnedResource(system: system, address: address, owner: owner, applied: applied, digest: digest,
                                      owningSubtree: owningSubtree, at: Date())
    }

    func forgetOwnedEntries(system: String, under address: String) throws {
        try store.forgetOwnedResources(system: system, under: address)
    }
}
