import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServeCore
import ServiceLifecycle
import Store

/// `tenantctl serve`: the HTTP endpoints and the look loop in one service group. SIGTERM and
/// SIGINT shut the loop down first (no new look, running changes finish, up to
/// --shutdown-timeout), then the HTTP server; SIGHUP re-reads the settings.
final class ServeDaemon: Sendable {
    let trigger = LookTrigger()
    let board = FleetBoard()
    let metrics = ServeMetrics()
    let readiness = Readiness()
    /// The last commit whose changed tenants were all reconciled (nil: sweep everything).
    let memory = LookMemory()
    /// GitLab commit statuses, posted in order behind the runs (never in their way).
    let statusQueue = StatusQueue()
    let logger: Logger
    private let state: SettingsBox
    private let reload: @Sendable () throws -> ServeCommand
    /// The address listened on, for the process's life (SIGHUP does not move it).
    let listening: ListenAddress

    init(settings: ServeCommand, reload: @escaping @Sendable () throws -> ServeCommand) {
        listening = settings.listen
        let state = SettingsBox(settings)
        self.state = state
        self.reload = reload
        logger = Logger(label: "tenantctl.serve") { _ in ServeLogHandler(format: { state.settings.logFormat.format }) }
    }

    /// The settings now (SIGHUP may have changed them between two looks).
    var settings: ServeCommand { state.settings }

    func webhookGate() -> WebhookGate { state.gate }

    /// Who may read the dashboard (its token, read at start and on SIGHUP).
    func dashboardAccess() -> DashboardAccess { state.access }

    func run() async throws {
        let settings = self.settings
        applyToken(settings)
        var quiet = logger
        quiet.logLevel = .warning
        let listen = settings.listen
        let http = ServeHTTP(daemon: self)
        let logger = self.logger
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in try await http.respond(request) },
            configuration: ApplicationConfiguration(address: .hostname(listen.host, port: listen.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? listen.port
                logger.info("listening", metadata: ["address": .string("http://\(ListenAddress(host: listen.host, port: port))")])
            },
            logger: quiet)
        let hangUp = HangUpSignal.install { [self] in reloadSettings() }
        defer { hangUp.remove() }
        let loop = LookLoop(daemon: self)
        // Shut down in reverse order: the loop first (it drains the run), then the server, which
        // answers /healthz and /metrics until the run is over.
        let group = ServiceGroup(configuration: .init(services: [app, loop], gracefulShutdownSignals: [.sigterm, .sigint], logger: quiet))
        do { try await group.run() } catch {
            logger.error("stopped", metadata: ["error": .string("\(error)")])
            throw ExitCode(1)
        }
        // The last run's statuses (success, failed, canceled) are worth a few seconds: without
        // them GitLab would show the commit `running` for ever.
        if !(await statusQueue.drain(timeout: .seconds(10))) {
            logger.warning("some GitLab commit statuses were not sent before stopping")
        }
        logger.info("stopped")
    }

    private func applyToken(_ settings: ServeCommand) {
        do {
            state.access = DashboardAccess(token: try settings.dashboardToken(checkedFor: listening))
        } catch {
            // Checked before the start and before a reload: only a file gone since then lands
            // here, and then nobody may read the dashboard until it is back.
            state.access = .closed
            logger.error("cannot read the dashboard token: the dashboard refuses every request", metadata: ["error": .string("\(error)")])
        }
        do {
            let token = try settings.webhookToken()
            state.gate = WebhookGate(token: token)
            if token == nil { logger.warning("no webhook token (--webhook-token-file or TENANTCTL_WEBHOOK_TOKEN): every webhook is refused; polling goes on") }
        } catch {
            state.gate = WebhookGate(token: nil)
            logger.error("cannot read the webhook token: every webhook is refused", metadata: ["error": .string("\(error)")])
        }
    }

    /// SIGHUP: the file and the command line again; a broken file keeps the settings in force.
    private func reloadSettings() {
        let old = settings
        let new: ServeCommand
        do { new = try reload() } catch {
            logger.error("reload refused; the settings in force are kept", metadata: ["error": .string("\(error)")])
            return
        }
        // The address stays the one listened on: a token it needs may not go away.
        do { _ = try new.dashboardToken(checkedFor: listening) } catch {
            logger.error("reload refused; the settings in force are kept", metadata: ["error": .string("\(error)")])
            return
        }
        if new.listen != old.listen || new.engine.stateDir != old.engine.stateDir {
            logger.warning("--listen and --state-dir change at the next start only")
        }
        state.settings = new
        applyToken(new)
        logger.info("reloaded the settings", metadata: ["interval": "\(new.interval)", "drift-interval": "\(new.driftInterval)"])
        Task { await trigger.request(.reload) }
    }
}

/// The daemon's settings, webhook gate and dashboard access, swapped whole by SIGHUP.
final class SettingsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var _settings: ServeCommand
    private var _gate = WebhookGate(token: nil)
    private var _access = DashboardAccess(token: nil)

    init(_ settings: ServeCommand) { _settings = settings }

    var settings: ServeCommand {
        get { lock.withLock { _settings } }
        set { lock.withLock { _settings = newValue } }
    }

    var gate: WebhookGate {
        get { lock.withLock { _gate } }
        set { lock.withLock { _gate = newValue } }
    }

    var access: DashboardAccess {
        get { lock.withLock { _access } }
        set { lock.withLock { _access = newValue } }
    }
}


/// SIGHUP through a dispatch source (the service group handles SIGTERM and SIGINT).
final class HangUpSignal: @unchecked Sendable {
    private let source: DispatchSourceSignal

    private init(source: DispatchSourceSignal) { self.source = source }

    static func install(_ handler: @escaping @Sendable () -> Void) -> HangUpSignal {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler(handler: handler)
        source.resume()
        return HangUpSignal(source: source)
    }

    func remove() {
        source.cancel()
        signal(SIGHUP, SIG_DFL)
    }
}
