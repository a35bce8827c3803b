import CGit2
import Foundation

/// One remote URL with its credentials and time budget: fetches into a mirror and turns
/// libgit2's failures into errors that say what went wrong (and never what the token is).
struct RemoteSession {
    let url: String
    let redactedURL: String
    let credentials: GitCredentials
    let timeoutSeconds: Int

    /// The path of a file:// URL, as libgit2 quotes it in its messages.
    private var remotePath: String? {
        guard url.hasPrefix("file://") else { return nil }
        return String(url.dropFirst("file://".count))
    }

    private var redactor: Redactor {
        var secrets = credentials.secrets
        if let password = (try? RepositoryLocation.parse(url))?.embeddedPassword { secrets.append(password) }
        return Redactor(secrets: secrets)
    }

    /// Fetches every branch and tag, pruning what the server deleted, then points
    /// `refs/remotes/origin/HEAD` at the server's default branch.
    func fetch(into repository: OpaquePointer) throws {
        var remote: OpaquePointer?
        // Anonymous: the URL, which may embed a password, is never written to the mirror's config.
        try LibGit2.check(git_remote_create_anonymous(&remote, repository, url),
                          "set up the remote \(redactedURL)", redacting: redactor.secrets)
        defer { git_remote_free(remote) }

        var options = git_fetch_options()
        git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
        options.prune = GIT_FETCH_PRUNE
        // The explicit tag refspec already brings every tag; auto-following would only add work.
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        options.update_fetchhead = 0

        let deadline = timeoutSeconds > 0 ? Deadline(secondsFromNow: timeoutSeconds) : nil
        let callbacks = RemoteCallbacks(redactedURL: redactedURL, credentials: credentials, deadline: deadline)
        callbacks.install(into: &options.callbacks)

        let result = withExtendedLifetime(callbacks) {
            Deadline.$current.withValue(deadline) {
                LibGit2.withStrArray(RepositoryCache.refspecs) { refspecs in
                    git_remote_fetch(remote, refspecs, &options, "tenantctl: fetch")
                }
            }
        }
        guard result >= 0 else { throw failure(code: result, callbacks: callbacks, deadline: deadline) }
        updateRemoteHEAD(repository, remote: remote!)
    }

    private func failure(code: Int32, callbacks: RemoteCallbacks, deadline: Deadline?) -> GitSourceError {
        if let failure = callbacks.failure { return failure }
        let message = redactor.scrub(LibGit2.lastErrorMessage(or: "error code \(code)"))
        if callbacks.timedOut || deadline?.hasPassed == true || message.hasPrefix(TimeoutSocketStream.timeoutMessage) {
            return .timeout(url: redactedURL, seconds: timeoutSeconds)
        }
        // GitLab answers 403 to a token that exists but may not read the repository.
        if message.contains("status code: 403") {
            return .authenticationFailed(url: redactedURL, credentialsGiven: credentials.httpToken != nil)
        }
        switch LibGit2.lastErrorClass() {
        case GIT_ERROR_NET, GIT_ERROR_HTTP, GIT_ERROR_SSH, GIT_ERROR_SSL:
            return .unreachable(url: redactedURL, detail: message)
        case GIT_ERROR_OS where remotePath.map(message.contains) ?? false || message.hasPrefix("failed to connect"):
            // file:// to a path that is missing or unreadable, or libgit2's own socket stream
            // (should registering ours ever fail) refusing a connection.
            return .unreachable(url: redactedURL, detail: message)
        default:
            if code == GIT_ENOTFOUND.rawValue {
                return .unreachable(url: redactedURL, detail: message)
            }
            return .libgit2(operation: "fetch from \(redactedURL)", message: message)
        }
    }

    /// Best effort: without it "HEAD" cannot be resolved in the mirror, which only matters to
    /// callers asking for "HEAD", so a server that does not advertise it is not an error.
    private func updateRemoteHEAD(_ repository: OpaquePointer, remote: OpaquePointer) {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard git_remote_default_branch(&buffer, remote) == 0, let pointer = buffer.ptr else { return }
        let branch = String(cString: pointer)
        guard branch.hasPrefix("refs/heads/") else { return }
        let target = "refs/remotes/origin/" + branch.dropFirst("refs/heads/".count)
        var reference: OpaquePointer?
        if git_reference_symbolic_create(&reference, repository, "refs/remotes/origin/HEAD", target, 1,
                                         "tenantctl: remote HEAD") == 0 {
            git_reference_free(reference)
        }
    }
}
