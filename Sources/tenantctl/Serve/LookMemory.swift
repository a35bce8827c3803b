import Foundation
import GitSource
import Store

/// What the daemon remembers between looks.
actor LookMemory {
    /// The last commit every changed tenant of which was reconciled without failure.
    var reconciled: ObjectID?
    /// The store stays open between looks; reopened when it failed.
    var journal: StoreJournal?
    var journalDirectory: String?

    func reconciled(_ commit: ObjectID) { reconciled = commit }

    func journal(_ engine: EngineOptions) throws -> StoreJournal {
        let directory = engine.stateDir ?? StateStore.defaultDirectory()
        if let journal, journalDirectory == directory { return journal }
        let opened = try StoreJournal.open(engine)
        // A run a killed daemon (or apply) left `running` is journaled interrupted before the
        // first look: the look then observes the world and does only what is still missing.
        _ = try? opened.store.markInterruptedRuns(at: Date())
        (journal, journalDirectory) = (opened, directory)
        return opened
    }

    func forgetJournal() { journal = nil }
}
