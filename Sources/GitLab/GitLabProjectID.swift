/// A project as the API names it: its numeric id or its full path (`group/subgroup/project`),
/// sent URL-encoded as one path segment (`group%2Fsubgroup%2Fproject`).
public struct GitLabProjectID: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) throws {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 1024, !trimmed.contains(where: { $0.isNewline }) else {
            throw GitLabError.configuration("a GitLab project is its numeric id or its path (group/project)")
        }
        self.value = trimmed
    }

    public var isNumeric: Bool { value.allSatisfy(\.isASCII) && value.allSatisfy(\.isNumber) }

    /// The id as one URL path segment.
    public var pathSegment: String { GitLabPath.encode(value) }

    public var description: String { value }
}
