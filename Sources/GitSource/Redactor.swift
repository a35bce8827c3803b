import Foundation

/// Removes secrets from text that came from outside (libgit2 messages echo URLs and server replies).
struct Redactor {
    let secrets: [String]

    init(secrets: [String]) {
        // Longest first, so a secret containing another is removed whole.
        self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    func scrub(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
    }
}
