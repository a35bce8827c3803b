@testable import Reconciler
import XCTest

final class IndexHeapTests: XCTestCase {
    /// Popped in ascending order whatever the order of pushes, duplicates kept.
    func testPopsInAscendingOrder() {
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 2, 7, 100, 1000] {
            let values = (0..<size).map { _ in Int.random(in: 0..<500, using: &generator) }
            var heap = IndexHeap(Array(values.prefix(size / 2)))
            for value in values.dropFirst(size / 2) { heap.push(value) }
            var popped: [Int] = []
            while let next = heap.popMin() { popped.append(next) }
            XCTAssertEqual(popped, values.sorted(), "size \(size)")
        }
    }
}
