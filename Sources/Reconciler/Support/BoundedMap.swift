/// Runs `body` over `items` with at most `parallelism` in flight, keeping the input order: how
/// drivers bound their calls to an outside system.
public enum BoundedMap {
    public static func run<Item: Sendable, Output: Sendable>(_ items: [Item], parallelism: Int,
                                                              _ body: @escaping @Sendable (Item) async -> Output) async -> [Output] {
        await withTaskGroup(of: (Int, Output).self) { group in
            var results = [Output?](repeating: nil, count: items.count)
            var next = 0
            while next < min(max(1, parallelism), items.count) {
                let index = next
                group.addTask { (index, await body(items[index])) }
                next += 1
            }
            while let (index, output) = await group.next() {
                results[index] = output
                if next < items.count {
                    let index = next
                    group.addTask { (index, await body(items[index])) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}
