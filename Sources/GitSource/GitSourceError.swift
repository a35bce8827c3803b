import Foundation

/// Every description is a complete sentence a user can act on; none ever contains a token,
/// a passphrase or a URL password (messages from libgit2 are scrubbed before they get here).
public enum GitSourceError: Error, CustomStringConvertible, LocalizedError {
    case notARepository(path: String)
    case unreachable(url: String, detail: String)
    /// `credentialsGiven` is false when the server asked for credentials and none were configured.
    case authenticationFailed(url: String, credentialsGiven: Bool = true)
    case unknownRef(ref: String)
    /// Not found in a shallow clone: it may lie beyond the clone's depth.
    case beyondShallowClone(ref: String)
    case timeout(url: String, seconds: Int)
    case libgit2(operation: String, message: String)
    /// `--repo` could not be understood at all.
    case invalidLocation(text: String, reason: String)

    public var description: String {
        switch self {
        case .notARepository(let path):
            return "'\(path)' is not a git repository: give a bare repository or the top directory "
                + "of a checkout (the one that contains .git)."
        case .unreachable(let url, let detail):
            return Self.sentence("Could not reach the git repository at \(url): \(detail)")
        case .authenticationFailed(let url, true):
            if Self.isSSH(url) {
                return "Authentication failed for \(url): check the SSH key and its passphrase, "
                    + "and that the key has access to the repository."
            }
            return "Authentication failed for \(url): check TENANTCTL_GIT_TOKEN or --git-token-file."
        case .authenticationFailed(let url, false):
            if Self.isSSH(url) {
                return "The git server at \(url) asked for an SSH key but none was given "
                    + "and no ssh-agent is running: give the path of a private key."
            }
            return "The git server at \(url) asked for credentials but no token was given: "
                + "set TENANTCTL_GIT_TOKEN or use --git-token-file."
        case .unknownRef(let ref):
            return "'\(ref)' is not a branch, tag or commit id of the repository."
        case .beyondShallowClone(let ref):
            return "'\(ref)' is not in this shallow clone's history: it may be older than the clone's depth. "
                + "Deepen the clone (git fetch --unshallow; in GitLab CI set GIT_DEPTH: 0), or check the name."
        case .timeout(let url, let seconds):
            let duration = seconds == 1 ? "1 second" : "\(seconds) seconds"
            return "Gave up on \(url) after \(duration): check the network path to the git server "
                + "or raise the timeout."
        case .libgit2(let operation, let message):
            return Self.sentence("Could not \(operation): \(message)")
        case .invalidLocation(let text, let reason):
            return Self.sentence("'\(text)' is not a usable repository location: \(reason)")
        }
    }

    public var errorDescription: String? { description }

    private static func isSSH(_ url: String) -> Bool {
        (try? RepositoryLocation.parse(url))?.isSSH ?? false
    }

    /// libgit2 messages are lowercase fragments without a final period; make them end a sentence.
    private static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return trimmed }
        return ".!?".contains(last) ? trimmed : trimmed + "."
    }
}
