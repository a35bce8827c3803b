import Foundation

/// The index and the model files one command reads and writes under the state lock.
final class StateTransaction {
    private let store: StateStore
    private let original: SimState
    var state: SimState
    private var loaded: [String: SimModel] = [:]
    private var changed: [String: (controller: String, model: SimModel?)] = [:]

    init(store: StateStore, state: SimState) {
        self.store = store
        self.original = state
        self.state = state
    }

    private func key(_ controller: String, _ model: String) -> String { "\(controller)\u{0}\(model)" }

    /// A model of the index, read from its file once per transaction.
    func model(controller: String, name: String) throws -> SimModel? {
        guard state.controllers[controller]?.models[name] != nil else { return nil }
        if let staged = changed[key(controller, name)] { return staged.model }
        if let cached = loaded[key(controller, name)] { return cached }
        let model = try store.load(SimModel.self, from: store.modelPath(controller: controller, model: name))
        loaded[key(controller, name)] = model
        return model
    }

    /// Stages a model's new contents (nil: destroyed) and keeps the index in step.
    func setModel(_ model: SimModel?, name: String, controller: String) {
        if let model {
            if loaded[key(controller, name)] == model, changed[key(controller, name)] == nil { return }
            state.controllers[controller]?.models[name] = model.info
        } else {
            state.controllers[controller]?.models[name] = nil
        }
        changed[key(controller, name)] = (controller, model)
    }

    /// Models whose destroy-model has run its course are gone (saved by the next exclusive
    /// transaction; a shared one only stops seeing them).
    func removeDestroyedModels(at now: Double) {
        for (controller, owner) in state.controllers {
            for (name, info) in owner.models {
                if let until = info.dyingUntil, until <= now { setModel(nil, name: name, controller: controller) }
            }
        }
    }

    /// Model files first, then the index that points at them; files of destroyed models last.
    func commit() throws {
        var removed: [String] = []
        for (name, entry) in changed {
            let modelName = String(name.split(separator: "\u{0}", omittingEmptySubsequences: false)[1])
            let path = store.modelPath(controller: entry.controller, model: modelName)
            if let model = entry.model { try store.save(model, to: path) } else { removed.append(path) }
        }
        if state != original { try store.save(state, to: store.indexPath) }
        for path in removed { try? FileManager.default.removeItem(atPath: path) }
        changed = [:]
    }
}
