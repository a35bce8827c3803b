/// An error the CLI reports as one sentence on standard error before exiting with status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
