import ArgumentParser
import Foundation
import GitLab
import Logging
import ServeCore
import TenantCore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run as a controller: reconcile on every push and on a schedule, heal drift where policy allows, serve status and metrics.",
        discussion: """
        Level-triggered: every --interval the repository is fetched (cheap when nothing moved); \
        a GitLab webhook only says "look now". When the commit moved, the tenants `tenantctl \
        changed` reports between the last reconciled commit and the new one are reconciled; every \
        --drift-interval and on SIGHUP every tenant is. The last reconciled commit is kept in \
        the state store: a restart reconciles what changed since it (every tenant at the first \
        start). Events arriving during a \
        run make one next run, however many. Environments with `sync: auto` are applied; `sync: \
        manual` ones are planned and reported, never applied; suspended tenants (tenantctl \
        suspend) are planned, not applied. Runs take the same lock as `tenantctl apply`.

        Endpoints: POST /hooks/gitlab (X-Gitlab-Token must match the token of \
        --webhook-token-file or $TENANTCTL_WEBHOOK_TOKEN, else 401; push and merge request \
        events start a look, other events are answered 202 and ignored; bodies over 1 MiB are \
        refused with 413), GET /healthz (alive), GET /readyz (503 until the repository and the \
        state store could be read), GET /metrics (Prometheus), GET / (the dashboard: every tenant \
        and environment with offer, controller, model, sync, suspension, health, drift, last run \
        and outcome) and GET /runs/<id> (one run: its plan, change by change, and how each went). \
        The dashboard is read-only and needs no script; on an address other than loopback it \
        needs a token (--dashboard-token-file or $TENANTCTL_DASHBOARD_TOKEN; serve refuses to \
        start without one), sent as `Authorization: Bearer <token>` or given once as \
        `/?token=<token>`, which sets an HttpOnly cookie and redirects to the page without it.

        Settings: flags, else the --config file (YAML or JSON, keyed by the flags' long names: \
        `interval: 30`, `repo: /srv/tenants`, `no-fetch: true`; an unknown key is an error), \
        else the environment variables below, else the defaults. SIGHUP reads the file again \
        (--listen and --state-dir need a restart). SIGTERM or SIGINT: no new look starts, running \
        changes finish (up to --shutdown-timeout), the rest is journaled as not run, exit 0.

        GitLab commit statuses (with --gitlab-url and --gitlab-project): each run sets \
        tenantctl/<tenant>/<environment> on the commit it reconciled, for every environment it \
        looked at: running, then success (applied, or in sync), failed (a change failed, the \
        environment could not be observed), canceled (interrupted by a stop). A `sync: manual` \
        environment or a suspended tenant is success with "planned, not applied: …" (the \
        commit is not wrong; a person applies it). Statuses are best effort: a GitLab error is \
        logged and counted (tenantctl_gitlab_status_errors_total), never fails nor delays a run. \
        The GitLab token: --gitlab-token-file, or --gitlab-token vault:<path>#<key> (read at each \
        look through the fleet's Vault or --secrets-file, as the fleet's other secrets are), else \
        $TENANTCTL_GITLAB_TOKEN.

        Examples:
          tenantctl serve --repo https://gitlab.example.com/ops/tenants.git --webhook-token-file /etc/tenantctl/webhook-token
          tenantctl serve --config /etc/tenantctl/serve.yaml --log-format json
        """ + EnvironmentHelp.line(EnvironmentHelp.repository, EnvironmentHelp.world, "TENANTCTL_WEBHOOK_TOKEN, TENANTCTL_DASHBOARD_TOKEN, TENANTCTL_GITLAB_TOKEN"))

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var engine: EngineOptions

    @Option(name: .long, help: ArgumentHelp("Where the HTTP endpoints listen (port 0: any free port, logged).", valueName: "host:port"))
    var listen = ListenAddress(host: "127.0.0.1", port: 8427)

    @Option(name: .long, help: ArgumentHelp("Seconds between two fetches of the repository.", valueName: "seconds"))
    var interval: Int = 60

    @Option(name: .long, help: ArgumentHelp("Seconds between two full drift sweeps (every tenant observed and planned).", valueName: "seconds"))
    var driftInterval: Int = 3600

    @Option(name: .long, help: ArgumentHelp("File holding the webhook secret token (readable by its owner only). Default: $TENANTCTL_WEBHOOK_TOKEN; without either, every webhook is refused.", valueName: "file"))
    var webhookTokenFile: String?

    @Option(name: .long, help: ArgumentHelp("Settings file (YAML or JSON) with the same settings as the flags; the flags win.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: "Log lines as text or json.")
    var logFormat: LogFormatArgument = .text

    @Option(name: .long, help: ArgumentHelp("Seconds a run waits for a `tenantctl apply` holding one of its environments before giving up until the next look.", valueName: "seconds"))
    var lockTimeout: Int = 120

    @Option(name: .long, help: ArgumentHelp("Seconds running changes may take to finish after SIGTERM before the process exits anyway (the next start journals them as interrupted).", valueName: "seconds"))
    var shutdownTimeout: Int = 120

    @Option(name: .long, help: ArgumentHelp("Seconds a health gate may wait for units to settle.", valueName: "seconds"))
    var gateTimeout: Int = 600

    @Option(name: .long, help: ArgumentHelp("Seconds units must stay active and idle to pass a health gate.", valueName: "seconds"))
    var settle: Double = 2

    @Option(name: .customLong("gitlab-url"), help: ArgumentHelp("GitLab, to set commit statuses tenantctl/<tenant>/<environment> on each reconciled commit (https://gitlab.example.com, or its /api/v4 URL). Without it, no status is set.", valueName: "url"))
    var gitlabURL: String?

    @Option(name: .customLong("gitlab-project"), help: ArgumentHelp("The GitLab project of the repository: numeric id or path group/project (with --gitlab-url).", valueName: "id|path"))
    var gitlabProject: String?

    @Option(name: .customLong("gitlab-token-file"), help: ArgumentHelp("File holding a GitLab access token with the api scope, readable by its owner only (default: $TENANTCTL_GITLAB_TOKEN).", valueName: "file"))
    var gitlabTokenFile: String?

    @Option(name: .customLong("gitlab-token"), help: ArgumentHelp("The GitLab access token as a Vault reference, read at each look through the fleet's Vault (or --secrets-file), like the fleet's other secrets. A reference only, never the token.", valueName: "vault:path#key"))
    var gitlabTokenReference: String?

    @Option(name: .customLong("external-url"), help: ArgumentHelp("The URL the dashboard is reached at from outside (behind a proxy): commit statuses link to its run pages (<url>/runs/<id>).", valueName: "url"))
    var externalURL: String?

    @Option(name: .long, help: ArgumentHelp("File holding the dashboard's token (readable by its owner only). Default: $TENANTCTL_DASHBOARD_TOKEN. Required when --listen is not a loopback address; with a token, / and /runs/<id> ask for it (Authorization: Bearer, or ?token= once from a browser, which sets a cookie).", valueName: "file"))
    var dashboardTokenFile: String?

    func validate() throws {
        if repository.dir != nil { throw ValidationError("serve follows a git repository; use --repo, not --dir") }
        if interval < 1 { throw ValidationError("--interval must be at least 1 second") }
        if driftInterval < 1 { throw ValidationError("--drift-interval must be at least 1 second") }
        if lockTimeout < 0 { throw ValidationError("--lock-timeout cannot be negative") }
        if shutdownTimeout < 0 { throw ValidationError("--shutdown-timeout cannot be negative") }
        if gateTimeout < 1 { throw ValidationError("--gate-timeout must be at least 1 second") }
        if settle < 0 { throw ValidationError("--settle cannot be negative") }
        if (gitlabURL == nil) != (gitlabProject == nil) { throw ValidationError("--gitlab-url and --gitlab-project go together") }
        if let gitlabTokenReference {
            if gitlabTokenFile != nil { throw ValidationError("give --gitlab-token-file or --gitlab-token, not both") }
            _ = try GitLabTokenReference.parse(gitlabTokenReference)
        }
        for (name, url) in [("--gitlab-url", gitlabURL), ("--external-url", externalURL)] {
            if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) { throw ValidationError("\(name) must be an http(s) URL") }
        }
    }

    func run() async throws {
        let commandLine = Self.commandLineArguments()
        let settings: ServeCommand
        do { settings = try Self.effective(commandLine: commandLine, file: config) } catch {
            StandardStreams.error("error: \(error)")
            throw ExitCode(2)
        }
        do { _ = try settings.dashboardToken(checkedFor: settings.listen) } catch {
            StandardStreams.error("error: \(error)")
            throw ExitCode(2)
        }
        let daemon = ServeDaemon(settings: settings, reload: { try Self.effective(commandLine: commandLine, file: settings.config) })
        try await daemon.run()
    }

    /// The command line after `serve`, as given: re-read with the file on SIGHUP.
    static func commandLineArguments() -> [String] {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let index = arguments.firstIndex(of: "serve") else { return [] }
        return Array(arguments[(index + 1)...])
    }

    /// The settings: the file's, then the command line's over them, parsed and validated as one
    /// command line.
    static func effective(commandLine: [String], file: String?) throws -> ServeCommand {
        guard let file else { return try parse(commandLine) }
        let fromFile = try ServeConfigurationFile.arguments(fromFile: file, overriddenBy: commandLine)
        do { return try parse(fromFile + commandLine) } catch {
            throw ServeConfigurationFile.Problem(description: "\(message(for: error)) (in \(file) or on the command line)")
        }
    }

    /// The webhook token: --webhook-token-file, else $TENANTCTL_WEBHOOK_TOKEN, else none.
    func webhookToken() throws -> String? {
        if let webhookTokenFile { return try VaultSettingsResolution.secretFile(webhookTokenFile, what: "webhook token file") }
        return ProcessInfo.processInfo.environment["TENANTCTL_WEBHOOK_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The dashboard token: --dashboard-token-file (owner-only), else $TENANTCTL_DASHBOARD_TOKEN,
    /// else none — refused when `listen` is reachable from the network: the dashboard would be
    /// open to anyone who reaches the port.
    func dashboardToken(checkedFor listen: ListenAddress) throws -> String? {
        var token: String?
        if let dashboardTokenFile {
            token = try VaultSettingsResolution.secretFile(dashboardTokenFile, what: "dashboard token file")
        } else {
            token = ProcessInfo.processInfo.environment["TENANTCTL_DASHBOARD_TOKEN"]
        }
        token = token.flatMap { $0.isEmpty ? nil : $0 }
        if token == nil, !LoopbackHost.isLoopback(listen.host) {
            throw CLIError("--listen \(listen) is reachable from the network: give the dashboard a token with --dashboard-token-file (or TENANTCTL_DASHBOARD_TOKEN), or listen on 127.0.0.1 behind a reverse proxy")
        }
        return token
    }

    /// The GitLab token: --gitlab-token-file (owner-only, like the webhook token's), else the
    /// --gitlab-token reference read through the fleet's secret store, else
    /// $TENANTCTL_GITLAB_TOKEN. Read at each look, so a rotated file or secret is picked up.
    func gitlabToken(fleet: Fleet?) async throws -> GitLabToken {
        if let gitlabTokenFile {
            return try GitLabToken(VaultSettingsResolution.secretFile(gitlabTokenFile, what: "GitLab token file"))
        }
        if let gitlabTokenReference {
            return try await GitLabTokenReference.read(try GitLabTokenReference.parse(gitlabTokenReference), from: try engine.secretStore(fleet: fleet))
        }
        if let value = ProcessInfo.processInfo.environment["TENANTCTL_GITLAB_TOKEN"], !value.isEmpty { return try GitLabToken(value) }
        throw CLIError("no GitLab token: pass --gitlab-token-file or --gitlab-token vault:<path>#<key>, or set TENANTCTL_GITLAB_TOKEN (an access token with the api scope)")
    }

    /// --gitlab-url names GitLab or its API: `/api/v4` is added when missing.
    static func apiURL(_ url: String) -> String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return base.hasSuffix("/api/v4") ? base : base + "/api/v4"
    }

    /// The dashboard, from --external-url: its fleet page, or the page of one run.
    static func dashboardURL(_ external: String, run: Int64? = nil) -> String {
        let base = external.hasSuffix("/") ? external : external + "/"
        return run.map { base + "runs/\($0)" } ?? base
    }
}

/// `--log-format` as ArgumentParser reads it.
struct LogFormatArgument: ExpressibleByArgument, Sendable, Equatable {
    var format: LogFormat
    static let text = LogFormatArgument(format: .text)

    init(format: LogFormat) { self.format = format }

    init?(argument: String) {
        guard let format = LogFormat(rawValue: argument) else { return nil }
        self.format = format
    }

    var defaultValueDescription: String { format.rawValue }
    static var allValueStrings: [String] { LogFormat.allCases.map(\.rawValue) }
}
