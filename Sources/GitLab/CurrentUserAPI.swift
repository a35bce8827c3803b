/// The user a token acts as (`GET /user`), in GitLab's user shape (the subset tenantctl reads).
public struct GitLabUser: Sendable, Decodable, Equatable {
    public var id: Int
    public var username: String
}

extension GitLabClient {
    /// Who the access token is. Not available to a job token (GitLab answers 401 to it).
    public func currentUser() async throws -> GitLabUser {
        let response = try await call(.get, "/user")
        return try decode(GitLabUser.self, response, request: "GET /user")
    }
}
