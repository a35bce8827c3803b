import Foundation

/// What a command prints, collected rather than written at once: when a fault says "the reply
/// was lost after the change was made", the change stays and the output is dropped.
struct Output {
    var stdout = ""
    var stderr = ""

    /// Results (JSON, YAML, tables) go to stdout, as in Juju.
    mutating func print(_ line: String) { stdout += line + "\n" }
    /// Progress and information go to stderr, as juju's `ctx.Infof` does.
    mutating func info(_ line: String) { stderr += line + "\n" }

    func flush() {
        FileHandle.standardOutput.write(Data(stdout.utf8))
        FileHandle.standardError.write(Data(stderr.utf8))
    }
}
