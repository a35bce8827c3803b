/// A failure that stops the benchmark, reported as one message (and exit status 1).
struct BenchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
