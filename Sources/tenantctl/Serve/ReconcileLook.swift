import Foundation
import GitLab
import JujuDriver
import VaultDriver
import GitSource
import Logging
import PlanModel
import Reconciler
import ServeCore
import Store
import TenantCore

/// One look: fetch, decide what to reconcile (the changed tenants, or every tenant on a sweep),
/// then one `ReconcileRun` with the daemon's policies — `sync: manual` planned only, suspended
/// tenants planned only — and its report to the log, the metrics and the dashboard.
struct ReconcileLook {
    let daemon: ServeDaemon

    private var logger: Logger { daemon.logger }

    func run(_ reasons: LookReasons) async {
        let settings = daemon.settings
        let started = ContinuousClock.now
        let journal: StoreJournal
        do {
            journal = try await daemon.memory.journal(settings.engine)
            _ = try journal.store.suspendedTenants()
            await daemon.readiness.store(nil)
        } catch {
            await daemon.memory.forgetJournal()
            await refused("the state store cannot be used: \(error)", readiness: { await daemon.readiness.store($0) }, started: started)
            return
        }
        let reader = RepositoryReader(options: settings.repository)
        let git: GitRepository, head: ObjectID
        do {
            git = try reader.openGit()
            head = try reader.chosenCommit(git)
            await daemon.readiness.repository(nil)
        } catch {
            await refused("the repository cannot be read: \(error)", readiness: { await daemon.readiness.repository($0) }, started: started)
            return
        }
        let source = Self.source(reader, settings: settings)
        let last: String?
        do { last = try await daemon.memory.reconciledCommit(source: source, journal: journal) } catch {
            await refused("the state store cannot be used: \(error)", readiness: { await daemon.readiness.store($0) }, started: started)
            return
        }
        // A start goes on from the stored commit; with none, it sweeps like the drift timer.
        let sweep = reasons.sweepsEverything || (reasons.contains(.startup) && last == nil)
        var tenants = settings.engine.tenantFilter
        if !sweep, let last {
            // The board is filled once after a start even when nothing moved since the stored commit.
            if last == head.hex, await daemon.board.commit == head.hex {
                logger.debug("nothing moved", metadata: ["commit": .string(head.hex)])
                return
            }
            do {
                let changed = Set(try ChangedTenants.between(try git.resolveCommit(last), head, in: git, reader: reader).map(\.tenant))
                tenants = tenants.map { $0.intersection(changed) } ?? changed
            } catch {
                // The older commit may be gone (a force push): every tenant, then.
                logger.warning("cannot compare with the last reconciled commit; looking at every tenant", metadata: ["error": .string("\(error)")])
            }
        }
        let analysis: Analysis
        do { analysis = Analysis(try reader.snapshot(of: git, at: head)) } catch {
            await refused("the manifests cannot be read: \(error)", readiness: { await daemon.readiness.repository($0) }, started: started)
            return
        }
        guard analysis.errors == 0 else {
            // A tenant that fails to parse must not look deleted: nothing is reconciled.
            await refused("the repository has \(analysis.errors) error(s) at \(head.hex.prefix(12)); nothing is reconciled until they are fixed (tenantctl validate)",
                          readiness: nil, started: started)
            return
        }
        let desired = LoadedDesiredState(analysis)
        let suspended: Set<String>
        do { suspended = Set(try journal.store.suspendedTenants().map(\.tenant)) } catch {
            await refused("the state store cannot be used: \(error)", readiness: { await daemon.readiness.store($0) }, started: started)
            return
        }
        await daemon.board.fleet(desired.state.environments.map { environment in
            EnvironmentStatus(environment: environment.id, tenant: environment.tenant, offer: environment.offer, controller: environment.controller,
                              model: environment.model, sync: environment.policy.sync.rawValue,
                              suspended: environment.tenant.map(suspended.contains) ?? false)
        }, commit: head.hex)
        if let tenants, tenants.isEmpty {
            logger.info("look", metadata: ["commit": .string(head.hex), "outcome": "no tenant changed"])
            await remember(head, source: source, journal: journal)
            await daemon.board.lookFinished(at: Date(), error: nil)
            return
        }
        await reconcile(desired, head: head, tenants: tenants, suspended: suspended, journal: journal, settings: settings, started: started,
                        reasons: reasons, source: source)
    }

    /// The repository and ref followed, credentials left out: the key of the stored commit.
    static func source(_ reader: RepositoryReader, settings: ServeCommand) -> String {
        // Parsed already by openGit; should it ever fail here, the password still stays out of the store.
        let location = (try? RepositoryLocation.parse(reader.repositoryArgument).redacted)
            ?? RepositoryLocation.removingPassword(from: reader.repositoryArgument)
        return location + "#" + (settings.repository.ref ?? "HEAD")
    }

    /// The commit is reconciled: kept for the next look and the next start. A store that
    /// cannot record it costs a wider look after a restart, nothing more: said in the log.
    private func remember(_ head: ObjectID, source: String, journal: StoreJournal) async {
        do { try await daemon.memory.reconciled(head, source: source, journal: journal) } catch {
            logger.warning("cannot record the reconciled commit; a restart will look at more tenants than needed",
                           metadata: ["commit": .string(head.hex), "error": .string("\(error)")])
        }
    }

    private func reconcile(_ desired: LoadedDesiredState, head: ObjectID, tenants: Set<String>?, suspended: Set<String>, journal: StoreJournal,
                           settings: ServeCommand, started: ContinuousClock.Instant, reasons: LookReasons, source: String) async {
        let logger = self.logger, metrics = daemon.metrics
        let scope: Logger.Metadata = ["commit": .string(head.hex), "tenants": .string(tenants.map { $0.sorted().joined(separator: ",") } ?? "all"),
                                      "reason": .string(Self.describe(reasons))]
        let gate = HealthGate(timeout: .seconds(settings.gateTimeout), settle: .milliseconds(Int(settings.settle * 1000)))
        let session: ReconcileSession
        let recorder = ChangeRecorder(inner: journal, logger: logger, metrics: metrics)
        do {
            let secrets = try settings.engine.secretStore(fleet: desired.fleet)
            let run = StoreReconcileRun.make(
                journal: journal, engine: settings.engine, secrets: secrets, command: "serve", lockTimeout: .seconds(settings.lockTimeout), gate: gate,
                waitingForLock: { environment, holder in
                    metrics.lockWaited()
                    logger.info("waiting for the run lock", metadata: ["environment": .string(environment), "holder": .string(holder)])
                },
                progress: { line in logger.debug("\(line)") },
                changeJournal: recorder)
            session = try await run.begin(StoreReconcileRun.target(desired, engine: settings.engine, journal: journal, tenants: tenants))
        } catch let busy as RunLocking.Busy {
            await refused("\(busy.userMessage); the next look tries again", readiness: nil, started: started)
            return
        } catch {
            await refused("the run could not start: \(error)", readiness: nil, started: started)
            return
        }
        defer { session.end() }
        let planned = session.plan
        let manual = ManualSync(manualEnvironments: Set(desired.state.environments.filter { $0.policy.sync == .manual }.map(\.id)))
        let (afterManual, heldManual) = manual.hold(planned)
        let (plan, heldSuspended) = Suspension(tenants: suspended).hold(afterManual)
        let drift = DriftReport(planned)
        let looked = desired.state.environments.filter { environment in tenants.map { environment.tenant.map($0.contains) ?? false } ?? true }
        let statuses = await CommitStatusReporter.make(settings, fleet: desired.fleet, sha: head.hex, queue: daemon.statusQueue, logger: logger, metrics: metrics)
        // Environments without a tenant (shared infrastructure) have no status name of their own.
        let named = looked.compactMap { environment in environment.tenant.map { (tenant: $0, environment: environment.environment) } }
        statuses?.post(named.map { ($0.tenant, $0.environment, .running, "tenantctl serve is reconciling") }, run: nil)
        for tenant in Set(looked.compactMap(\.tenant)) {
            metrics.driftItems(tenant: tenant, count: drift.items.filter { item in looked.contains { $0.id == item.environment && $0.tenant == tenant } }.count)
        }
        var run: Int64?
        var report: ApplyReport?
        if !plan.isEmpty {
            let look = self
            recorder.whenTheRunStarts { run in look.recordPlan(plan, run: run, journal: journal) }
            do {
                let outcome = try await session.apply(plan)
                (run, report) = (outcome.run, outcome.report)
            } catch {
                statuses?.post(named.map { ($0.tenant, $0.environment, .failed, "the run could not apply (see serve's log)") }, run: nil)
                await refused("the run could not apply: \(error)", readiness: nil, started: started)
                return
            }
        }
        let now = Date()
        let results = Dictionary((report?.environments ?? []).map { ($0.environment, $0) }, uniquingKeysWith: { first, _ in first })
        let skipped = Dictionary(planned.skipped.map { ($0.environment, $0.reason) }, uniquingKeysWith: { first, _ in first })
        var failed = false
        // Health gates: the changes that wait for the world to settle.
        let gates = Set(plan.changes.filter { $0.effect == .wait }.map(\.id))
        var finals: [(tenant: String, environment: String, state: CommitState, description: String)] = []
        for environment in looked {
            let pending = planned.changes.filter { $0.environment == environment.id }.count
            let outcome: String
            // The commit status: failed and canceled say the commit is not (all) in the world;
            // held changes are success, since nothing is wrong with the commit.
            let state: CommitState, description: String
            if let reason = skipped[environment.id] {
                outcome = "not observed: \(reason)"
                failed = true
                (state, description) = (.failed, outcome)
            } else if let result = results[environment.id] {
                if let failure = result.failed {
                    outcome = "failed: \(failure.action)"
                    failed = true
                    (state, description) = (.failed, outcome)
                } else if !result.notRun.isEmpty {
                    outcome = "interrupted: \(result.notRun.count) change(s) not run"
                    failed = true
                    (state, description) = (.canceled, outcome)
                } else {
                    outcome = "applied \(result.succeeded.count) change(s)"
                    (state, description) = (.success, outcome)
                }
            } else if let tenant = environment.tenant, let held = heldSuspended[tenant], held.contains(where: { $0.environment == environment.id }) {
                let count = held.filter { $0.environment == environment.id }.count
                outcome = "suspended: \(count) change(s) not applied"
                (state, description) = (.success, "planned, not applied: tenant suspended (\(count) change(s))")
            } else if let held = heldManual[environment.id] {
                outcome = "planned (sync: manual): \(held.count) change(s) left for a person"
                (state, description) = (.success, "planned, not applied: sync manual (\(held.count) change(s))")
            } else if environment.tenant.map(suspended.contains) ?? false {
                outcome = "suspended: in sync"
                (state, description) = (.success, "in sync (tenant suspended)")
            } else {
                outcome = pending == 0 ? "in sync" : "planned: \(pending) change(s)"
                (state, description) = (.success, outcome)
            }
            if let tenant = environment.tenant { finals.append((tenant, environment.environment, state, description)) }
            let gatePassed = report?.changes.contains { $0.environment == environment.id && gates.contains($0.id) && $0.outcome == .succeeded } ?? false
            let health = skipped[environment.id] == nil
                ? EnvironmentHealth.of(environment, observed: session.world.observed, result: results[environment.id], gatePassed: gatePassed)
                : ("not observed", false)
            // What is still different after the look: a run that applied everything healed it.
            let healed = results[environment.id].map { $0.failed == nil && $0.notRun.isEmpty } ?? false
            let driftCount = healed ? 0 : drift.items.filter { $0.environment == environment.id }.count
            await daemon.board.looked(environment.id, EnvironmentLook(run: results[environment.id] == nil ? nil : run, outcome: outcome,
                                                                      pending: results[environment.id] == nil ? pending : 0,
                                                                      health: health.text, healthy: health.healthy,
                                                                      drift: skipped[environment.id] == nil ? driftCount : nil), at: now)
            if !outcome.hasPrefix("failed"), !outcome.hasPrefix("not observed"), !outcome.hasPrefix("interrupted") {
                metrics.reconciled(environment: environment.id, at: now.timeIntervalSince1970)
            }
            if heldManual[environment.id] != nil || outcome.hasPrefix("suspended:") && pending > 0 {
                logger.info("left for a person", metadata: ["environment": .string(environment.id), "tenant": .string(environment.tenant ?? ""),
                                                            "outcome": .string(outcome)])
            }
        }
        // An environment the run walked links to the run's page; the others to the fleet page.
        let walked = Set(results.keys)
        statuses?.post(finals.filter { walked.contains("\($0.tenant)/\($0.environment)") }, run: run)
        statuses?.post(finals.filter { !walked.contains("\($0.tenant)/\($0.environment)") }, run: nil)
        let stopped = report?.stopped ?? false
        if !failed, !stopped, report?.succeeded ?? true { await remember(head, source: source, journal: journal) }
        let runOutcome = report.map { $0.stopped ? "interrupted" : ($0.succeeded ? "succeeded" : "failed") } ?? (failed ? "failed" : "nothing_to_do")
        let duration = started.duration(to: .now)
        metrics.runFinished(outcome: runOutcome, duration: duration)
        var metadata = scope
        metadata["outcome"] = .string(runOutcome)
        metadata["changes"] = "\(plan.changes.count)"
        metadata["held-manual"] = "\(heldManual.values.reduce(0) { $0 + $1.count })"
        metadata["held-suspended"] = "\(heldSuspended.values.reduce(0) { $0 + $1.count })"
        metadata["seconds"] = .string(String(format: "%.3f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18))
        if let run { metadata["run"] = "\(run)" }
        if let report { metadata["summary"] = .string(report.summaryLine) }
        logger.info("run", metadata: metadata)
        await daemon.board.lookFinished(at: now, error: failed ? "some environments failed or could not be observed (their cards say why)" : nil)
    }

    /// A look that could not reconcile: said once in the log, counted, shown on the page; the
    /// next look (poll, webhook) tries again.
    private func refused(_ message: String, readiness: (@Sendable (String) async -> Void)?, started: ContinuousClock.Instant) async {
        logger.error("look refused", metadata: ["reason": .string(message)])
        if let readiness { await readiness(message) }
        daemon.metrics.runFinished(outcome: "refused", duration: started.duration(to: .now))
        await daemon.board.lookFinished(at: Date(), error: message)
    }

    /// The plan the run walks, kept for its dashboard page (`/runs/<id>`) when its first change
    /// starts. Best effort: the journal holds every attempt, which the page shows without it.
    private func recordPlan(_ plan: Plan, run: Int64, journal: StoreJournal) {
        let changes = plan.changes.map { change in
            PlannedChangeRecord(actionID: change.id, kind: change.kind.rawValue, effect: change.effect.rawValue, tenant: change.tenant,
                                environment: change.environment, target: change.target,
                                reasons: change.reasons.map(\.description).joined(separator: "\n"))
        }
        do { try journal.store.recordPlan(run: run, changes: changes) } catch {
            logger.warning("cannot keep the run's plan for the dashboard", metadata: ["run": "\(run)", "error": .string("\(error)")])
        }
    }

    static func describe(_ reasons: LookReasons) -> String {
        [(LookReasons.startup, "startup"), (.poll, "poll"), (.hook, "webhook"), (.drift, "drift"), (.reload, "reload")]
            .filter { reasons.contains($0.0) }.map(\.1).joined(separator: ",")
    }
}
