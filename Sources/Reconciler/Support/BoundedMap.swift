import Foundation

/// Runs `body` over `items` with at most `parallelism` in flight, keeping the input order: how
/// drivers bound their calls to an outside system.
///
/// `parallelism` workers each take the next item as soon as their last one is done: the window
/// slides without a round trip through the parent task, which on a busy machine left a slot
/// empty while the parent waited for a thread to hand out the next item.
public enum BoundedMap {
    public static func run<Item: Sendable, Output: Sendable>(_ items: [Item], parallelism: Int,
                                                              _ body: @escaping @Sendable (Item) async -> Output) async -> [Output] {
        let width = min(max(1, parallelism), items.count)
        guard width > 0 else { return [] }
        let cursor = Cursor(count: items.count)
        return await withTaskGroup(of: [(Int, Output)].self) { group in
            for _ in 0..<width {
                group.addTask {
                    var done: [(Int, Output)] = []
                    while let index = cursor.next() { done.append((index, await body(items[index]))) }
                    return done
                }
            }
            var results = [Output?](repeating: nil, count: items.count)
            for await part in group {
                for (index, output) in part { results[index] = output }
            }
            return results.map { $0! }
        }
    }

    /// The next index to take, shared by the workers.
    private final class Cursor: @unchecked Sendable {
        private let lock = NSLock()
        private var position = 0
        private let count: Int

        init(count: Int) { self.count = count }

        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard position < count else { return nil }
            position += 1
            return position - 1
        }
    }
}
