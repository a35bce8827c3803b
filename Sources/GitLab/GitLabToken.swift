import Foundation

/// A GitLab API credential and the header it travels in.
///
/// Personal, project and group access tokens go in `PRIVATE-TOKEN`; a CI job's `CI_JOB_TOKEN` goes
/// in `JOB-TOKEN`. GitLab accepts a job token only on a short list of endpoints (artifacts,
/// packages, releases, deployments, environments…): **not** on commit statuses nor merge request
/// notes, which answer 401 to it. The value is never printed: `description` names the kind only.
public struct GitLabToken: Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Personal, project or group access token (`api` scope for statuses and notes).
        case privateToken
        /// A CI/CD job token.
        case jobToken

        public var header: String {
            switch self {
            case .privateToken: "PRIVATE-TOKEN"
            case .jobToken: "JOB-TOKEN"
            }
        }
    }

    public let kind: Kind
    let value: String

    public init(_ value: String, kind: Kind = .privateToken) throws {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        // A header value must be one line of visible ASCII: anything else is a broken file, and
        // would be refused by libcurl or split into another header.
        guard !trimmed.isEmpty else { throw GitLabError.configuration("the GitLab token is empty") }
        guard trimmed.utf8.count <= 4096, trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else {
            throw GitLabError.configuration("the GitLab token holds spaces, control or non-ASCII characters, or is too long")
        }
        self.value = trimmed
        self.kind = kind
    }

    /// Reads a token file (at most 4 KiB; surrounding whitespace and a final newline ignored).
    public static func read(file path: String, kind: Kind = .privateToken) throws -> GitLabToken {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GitLabError.configuration("cannot read the GitLab token file \(path)")
        }
        defer { try? handle.close() }
        let data: Data
        // A read error (a directory, an I/O error) is said as such, not taken for an empty token.
        do { data = try handle.read(upToCount: 4097) ?? Data() } catch {
            throw GitLabError.configuration("cannot read the GitLab token file \(path): \(error.localizedDescription)")
        }
        guard data.count <= 4096 else { throw GitLabError.configuration("the GitLab token file \(path) is larger than 4 KiB") }
        return try GitLabToken(String(decoding: data, as: UTF8.self), kind: kind)
    }

    public var description: String { "GitLab \(kind == .jobToken ? "job token" : "access token") (redacted)" }
}
