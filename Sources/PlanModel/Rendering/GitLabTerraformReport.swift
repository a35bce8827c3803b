/// The `{"create": n, "update": n, "delete": n}` report GitLab's merge-request widget reads
/// (`artifacts:reports:terraform`).
public struct GitLabTerraformReport: Codable, Sendable, Equatable {
    public var create: Int
    public var update: Int
    public var delete: Int

    public init(_ plan: Plan) {
        let summary = plan.summary
        create = summary.create
        update = summary.update
        delete = summary.delete
    }
}
