import CGit2
import Foundation

/// State shared with libgit2's remote callbacks during one fetch, passed as their payload.
///
/// The callbacks cannot throw, so they record why they aborted here and the caller turns that
/// into the error it throws once libgit2 returns.
final class RemoteCallbacks {
    let redactedURL: String
    let credentials: GitCredentials
    let deadline: Deadline?
    private(set) var failure: GitSourceError?
    private(set) var timedOut = false
    private var attemptsByURL: [String: Int] = [:]

    init(redactedURL: String, credentials: GitCredentials, deadline: Deadline?) {
        self.redactedURL = redactedURL
        self.credentials = credentials
        self.deadline = deadline
    }

    /// Installs the callbacks; `self` must outlive every libgit2 call that uses `options`.
    func install(into callbacks: inout git_remote_callbacks) {
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.credentials = { out, url, usernameFromURL, allowedTypes, payload in
            guard let out, let payload else { return -1 }
            let this = Unmanaged<RemoteCallbacks>.fromOpaque(payload).takeUnretainedValue()
            return this.acquireCredential(
                out,
                url: url.map { String(cString: $0) } ?? "",
                username: usernameFromURL.map { String(cString: $0) },
                allowedTypes: allowedTypes)
        }
        // Progress callbacks bound transfers that keep trickling in, and SSH, whose socket
        // libssh2 reads itself, out of reach of `TimeoutSocketStream`.
        callbacks.transfer_progress = { _, payload in
            guard let payload else { return 0 }
            return Unmanaged<RemoteCallbacks>.fromOpaque(payload).takeUnretainedValue().checkDeadline()
        }
        callbacks.sideband_progress = { _, _, payload in
            guard let payload else { return 0 }
            return Unmanaged<RemoteCallbacks>.fromOpaque(payload).takeUnretainedValue().checkDeadline()
        }
    }

    private func checkDeadline() -> Int32 {
        guard deadline?.hasPassed == true else { return 0 }
        timedOut = true
        return GIT_EUSER.rawValue
    }

    private func acquireCredential(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>,
        url: String,
        username: String?,
        allowedTypes: UInt32
    ) -> Int32 {
        // SSH first asks only for a user name when the URL has none; that is not an attempt.
        if allowedTypes & GIT_CREDENTIAL_USERNAME.rawValue != 0 && allowedTypes & GIT_CREDENTIAL_SSH_KEY.rawValue == 0 {
            return git_credential_username_new(out, username ?? "git")
        }
        // libgit2 asks again, forever, as long as the server rejects what we give it.
        attemptsByURL[url, default: 0] += 1
        if attemptsByURL[url, default: 0] > 1 {
            return abort(.authenticationFailed(url: redactedURL, credentialsGiven: true))
        }
        if allowedTypes & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 {
            guard let token = credentials.httpToken, !token.isEmpty else {
                return abort(.authenticationFailed(url: redactedURL, credentialsGiven: false))
            }
            // A user in the URL wins: GitLab deploy tokens need their own user name.
            return git_credential_userpass_plaintext_new(out, username ?? "oauth2", token)
        }
        if allowedTypes & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 {
            let user = username ?? "git"
            if let key = credentials.sshKeyPath, !key.isEmpty {
                let publicKey = key + ".pub"
                return git_credential_ssh_key_new(
                    out, user,
                    FileManager.default.fileExists(atPath: publicKey) ? publicKey : nil,
                    key, credentials.sshKeyPassphrase)
            }
            if ProcessInfo.processInfo.environment["SSH_AUTH_SOCK"] != nil {
                return git_credential_ssh_key_from_agent(out, user)
            }
            return abort(.authenticationFailed(url: redactedURL, credentialsGiven: false))
        }
        return GIT_PASSTHROUGH.rawValue
    }

    private func abort(_ error: GitSourceError) -> Int32 {
        failure = error
        return GIT_EUSER.rawValue
    }
}
