import Foundation
import GitSource
import Store

/// What the daemon remembers between looks.
actor LookMemory {
    /// The last commit every changed tenant of which was reconciled without failure, as stored
    /// (`reconciled_commit`): read once from the store, then kept here and written through, so a
    /// restarted daemon goes on from it instead of sweeping every tenant.
    private var reconciled: String?
    private var reconciledLoaded = false
    /// The store stays open between looks; reopened when it failed.
    var journal: StoreJournal?
    var journalDirectory: String?

    /// The last reconciled commit from `source` (hex), from the store at the first call.
    func reconciledCommit(source: String, journal: StoreJournal) throws -> String? {
        if !reconciledLoaded {
            reconciled = try journal.store.reconciledCommit(source: source)
            reconciledLoaded = true
        }
        return reconciled
    }

    /// Records `commit` as reconciled, here and in the store (an error is the caller's to log:
    /// the memory still moves on, and a restart then looks at a little more than needed).
    func reconciled(_ commit: ObjectID, source: String, journal: StoreJournal) throws {
        reconciled = commit.hex
        reconciledLoaded = true
        try journal.store.recordReconciledCommit(commit.hex, source: source, at: Date())
    }

    func journal(_ engine: EngineOptions) throws -> StoreJournal {
        let directory = engine.stateDir ?? StateStore.defaultDirectory()
        if let journal, journalDirectory == directory { return journal }
        let opened = try StoreJournal.open(engine)
        // A run a killed daemon (or apply) left `running` is journaled interrupted before the
        // first look: the look then observes the world and does only what is still missing.
        _ = try? opened.store.markInterruptedRuns(at: Date())
        (journal, journalDirectory) = (opened, directory)
        reconciledLoaded = false
        return opened
    }

    func forgetJournal() { journal = nil }
}
