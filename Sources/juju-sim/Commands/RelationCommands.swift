/// `integrate` (alias `relate`) and `remove-relation`.
enum RelationCommands {
    static func integrate(_ context: inout CommandContext) throws {
        let ends = context.arguments.positional
        guard ends.count == 2 else { throw SimError.usage("an integration must involve two applications") }
        let now = context.now
        try context.updateModel { model, _ in _ = try model.integrate(ends[0], ends[1], at: now) }
    }

    static func removeRelation(_ context: inout CommandContext) throws {
        let ends = context.arguments.positional
        guard ends.count == 2 else {
            throw SimError.usage("a relation must involve two applications")
        }
        try context.updateModel { model, _ in try model.removeRelation(ends[0], ends[1]) }
    }
}
