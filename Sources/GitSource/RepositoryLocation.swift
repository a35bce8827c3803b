import Foundation

/// Where the desired-state repository lives, parsed from `--repo`.
public enum RepositoryLocation: Sendable, Equatable {
    /// A repository on this machine, opened in place (bare or with a worktree).
    case localPath(String)
    /// `file:///srv/tenants.git`: treated like a remote and mirrored into the cache.
    case fileURL(String)
    /// `http(s)://host/group/tenants.git`.
    case http(URL)
    /// `ssh://git@host/group/tenants.git` or scp-like `git@host:group/tenants.git`.
    case ssh(String)

    public static func parse(_ text: String) throws -> RepositoryLocation {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw GitSourceError.invalidLocation(text: text, reason: "it is empty")
        }
        if let (scheme, rest) = Self.splitScheme(text) {
            return try parseURL(text, scheme: scheme, rest: rest)
        }
        if Self.isSCPLike(text) {
            return .ssh(text)
        }
        return .localPath(text)
    }

    /// For messages and cache directory names: the URL with any userinfo password removed.
    public var redacted: String {
        switch self {
        case .localPath(let path): return path
        case .fileURL(let url): return url
        case .http(let url): return Self.removingPassword(from: url.absoluteString)
        case .ssh(let url): return Self.removingPassword(from: url)
        }
    }

    /// The URL handed to libgit2, secrets included; nil for a local path.
    var remoteURL: String? {
        switch self {
        case .localPath: return nil
        case .fileURL(let url): return url
        case .http(let url): return url.absoluteString
        case .ssh(let url): return url
        }
    }

    /// The password embedded in the URL's userinfo, which must be scrubbed from messages.
    var embeddedPassword: String? {
        guard let url = remoteURL, let userinfo = Self.userinfoRange(in: url) else { return nil }
        let info = url[userinfo]
        guard let colon = info.firstIndex(of: ":") else { return nil }
        let password = String(info[info.index(after: colon)...])
        return password.isEmpty ? nil : password
    }

    var isSSH: Bool {
        if case .ssh = self { return true }
        return false
    }

    // MARK: - Parsing

    private static func splitScheme(_ text: String) -> (scheme: String, rest: Substring)? {
        guard let range = text.range(of: "://") else { return nil }
        let scheme = text[..<range.lowerBound]
        // Anything but scheme characters before "://" (a slash, a colon) means a path, not a URL.
        guard !scheme.isEmpty,
              scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        else { return nil }
        return (scheme.lowercased(), text[range.upperBound...])
    }

    private static func parseURL(_ text: String, scheme: String, rest: Substring) throws -> RepositoryLocation {
        switch scheme {
        case "file":
            guard rest.hasPrefix("/") else {
                throw GitSourceError.invalidLocation(
                    text: text, reason: "a file:// URL needs an absolute path, as in file:///srv/tenants.git")
            }
            return .fileURL(text)
        case "http", "https":
            guard let url = URL(string: text), let host = url.host, !host.isEmpty else {
                throw GitSourceError.invalidLocation(
                    text: removingPassword(from: text), reason: "it is not a valid \(scheme) URL with a host")
            }
            return .http(url)
        case "ssh", "git+ssh", "ssh+git":
            let authority = rest.prefix { $0 != "/" }
            let host = authority.split(separator: "@").last.map(String.init) ?? ""
            guard !host.isEmpty, !host.hasPrefix(":") else {
                throw GitSourceError.invalidLocation(
                    text: removingPassword(from: text), reason: "it has no host")
            }
            return .ssh(text)
        default:
            throw GitSourceError.invalidLocation(
                text: removingPassword(from: text),
                reason: "the scheme '\(scheme)' is not supported (use https://, http://, ssh://, file:// or a local path)")
        }
    }

    /// git's rule: `[user@]host:path` with the colon before any slash is an SSH location.
    private static func isSCPLike(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let hostPart = text[..<colon]
        let path = text[text.index(after: colon)...]
        guard !hostPart.isEmpty, !path.isEmpty, !hostPart.contains("/") else { return false }
        let host = hostPart.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        return !host.isEmpty
    }

    // MARK: - Redaction

    private static func userinfoRange(in url: String) -> Range<String.Index>? {
        guard let schemeEnd = url.range(of: "://")?.upperBound else { return nil }
        let authorityEnd = url[schemeEnd...].firstIndex(of: "/") ?? url.endIndex
        guard let at = url[schemeEnd..<authorityEnd].lastIndex(of: "@") else { return nil }
        return schemeEnd..<at
    }

    public static func removingPassword(from url: String) -> String {
        guard let userinfo = userinfoRange(in: url),
              let colon = url[userinfo].firstIndex(of: ":")
        else { return url }
        var result = url
        result.removeSubrange(colon..<userinfo.upperBound)
        return result
    }
}
