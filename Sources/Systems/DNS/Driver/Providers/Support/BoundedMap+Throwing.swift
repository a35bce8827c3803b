import Reconciler

extension BoundedMap {
    /// `run` for calls that throw: every item is still tried (the engine's helper has no early
    /// exit), then the first error in the items' order is thrown, so that a provider listing a
    /// zone record by record never returns part of it.
    static func runThrowing<Item: Sendable, Output: Sendable>(
        _ items: [Item], parallelism: Int, _ body: @escaping @Sendable (Item) async throws -> Output
    ) async throws -> [Output] {
        let results = await run(items, parallelism: parallelism) { item -> Result<Output, any Error> in
            do { return .success(try await body(item)) } catch { return .failure(error) }
        }
        return try results.map { try $0.get() }
    }
}
