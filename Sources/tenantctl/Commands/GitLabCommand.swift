import ArgumentParser

/// `tenantctl gitlab …`: what a GitLab pipeline needs from tenantctl besides the plan itself.
struct GitLabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gitlab",
        abstract: "Publish plans and statuses to GitLab (merge request note, terraform report, commit statuses).",
        discussion: """
        For GitLab CI: the plan job runs `tenantctl plan --out plan.json`, then `tenantctl gitlab \
        publish-plan` posts it as the merge request's sticky note and writes the terraform report \
        artifact, and `tenantctl gitlab status` sets a commit status per tenant environment. See \
        examples/gitlab-ci.yml.

        Exit status: 0 published, 1 error (a missing variable, a refused token, GitLab unreachable…).

        Examples:
          tenantctl gitlab publish-plan --plan plan.json --report tenantctl-report.json
          tenantctl gitlab status --plan plan.json --state running
        """,
        subcommands: [GitLabPublishPlanCommand.self, GitLabStatusCommand.self]
    )
}
