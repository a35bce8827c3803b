import ArgumentParser

@main
struct TenantCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenantctl",
        abstract: "GitOps reconciler for Bibind's multi-tenant Juju platform.",
        discussion: """
        tenantctl reads a git repository of tenant manifests (tenantctl.yaml, offers/, bundles/, \
        tenants/) through libgit2 and resolves the effective desired state of every tenant \
        environment.

        Exit codes: 0 success, 1 error (invalid manifests, unreachable repository…), 2 changes found \
        (for commands that compare).

        Examples:
          tenantctl validate --repo https://gitlab.example.com/ops/tenants.git --ref main
          tenantctl render --repo /srv/tenants acme --env production --output json
          tenantctl changed --repo /srv/tenants --from HEAD~1 --to HEAD
        """,
        version: TenantctlVersion.current,
        subcommands: [ValidateCommand.self, RenderCommand.self, ChangedCommand.self, VersionCommand.self]
    )
}
