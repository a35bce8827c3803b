import ArgumentParser

@main
struct TenantCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenantctl",
        abstract: "GitOps reconciler for Bibind's multi-tenant Juju platform.",
        discussion: """
        tenantctl reads a git repository of tenant manifests (tenantctl.yaml, offers/, bundles/, \
        tenants/) through libgit2, resolves the effective desired state of every tenant \
        environment, observes what Juju runs, and plans, applies and reports drift.

        Exit codes: 0 success or nothing to do, 1 error (invalid manifests, unreachable repository, \
        a failed action…), 2 changes planned or drift found (plan, drift), 130 an apply stopped \
        by SIGINT or SIGTERM.

        Examples:
          tenantctl validate --repo https://gitlab.example.com/ops/tenants.git --ref main
          tenantctl render --repo /srv/tenants boulangerie-durand --env production --output json
          tenantctl changed --repo /srv/tenants --from HEAD~1 --to HEAD
          tenantctl plan --repo /srv/tenants --juju-bin juju-sim
          tenantctl apply --repo /srv/tenants --auto-approve
          tenantctl gitlab publish-plan --plan plan.json --report tenantctl-report.json
          tenantctl serve --repo https://gitlab.example.com/ops/tenants.git --config /etc/tenantctl/serve.yaml

        Shell completion: tenantctl --generate-completion-script bash|zsh|fish prints a script \
        (for bash: tenantctl --generate-completion-script bash > /etc/bash_completion.d/tenantctl).
        """,
        version: TenantctlVersion.current,
        subcommands: [ValidateCommand.self, RenderCommand.self, ChangedCommand.self, PlanCommand.self, ApplyCommand.self,
                      DriftCommand.self, ObserveCommand.self, HistoryCommand.self, GitLabCommand.self, SuspendCommand.self, ResumeCommand.self,
                      ServeCommand.self, VersionCommand.self, CertHookCommand.self]
    )
}
