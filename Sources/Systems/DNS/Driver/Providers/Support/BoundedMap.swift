/// Runs `operation` on every item with at most `limit` calls in flight, and returns the results in
/// the items' order. The first error cancels the calls still running and is thrown: a provider
/// that lists a zone record by record must not return part of it.
func boundedMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], limit: Int, _ operation: @escaping @Sendable (Item) async throws -> Result
) async throws -> [Result] {
    guard !items.isEmpty else { return [] }
    return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
        var results = [Result?](repeating: nil, count: items.count)
        var pending = items.enumerated().makeIterator()
        for _ in 0..<max(1, min(limit, items.count)) {
            guard let (index, item) = pending.next() else { break }
            group.addTask { (index, try await operation(item)) }
        }
        while let (index, result) = try await group.next() {
            results[index] = result
            if let (next, item) = pending.next() {
                group.addTask { (next, try await operation(item)) }
            }
        }
        return results.compactMap { $0 }
    }
}
