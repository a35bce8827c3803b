import ArgumentParser
import Foundation
import JujuDriver
import JujuPlanning
import PlanModel
import Reconciler
import Systems
import TenantCore
import VaultDriver

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Carry out a plan: observe, plan and apply, or apply a saved plan after checking it is still current.",
        discussion: """
        Three ways:
          tenantctl apply --auto-approve       plan and apply at once (environments with \
        `sync: manual` are left out unless named with --tenant)
          tenantctl apply plan.json            apply a saved plan; refused when the commit or the \
        observed world changed since it was made
          tenantctl apply                      show the plan and ask on the terminal (refused \
        without one)

        Changes run by their dependencies, at most --parallelism at a time: a model's changes one \
        after the other, models in parallel. After deploy, refresh and scale a health gate waits \
        for active units with idle agents; a unit in error or blocked fails it. Transient \
        failures are retried with backoff; a persistent one skips only the changes that depend \
        on it (each named), the others go on. Every attempt, and every change not run, is \
        journaled (tenantctl history). A saved plan is refused when the commit, or a scope it \
        acts on (a Juju model), changed since it was made. \
        Exit status: 0 all done, 1 anything failed or refused, or an environment could not be \
        observed.

        Secrets: configuration values that are Vault references are read from Vault (the \
        fleet's vault section, or VAULT_ADDR and VAULT_TOKEN), or from --secrets-file, at the \
        last moment, after a vault.check of each secret path, and handed to juju through 0600 \
        files, never through its arguments. Those files go to --juju-files-dir (default \
        ~/snap/juju/common/tenantctl: the snap-installed juju reads neither /tmp nor hidden \
        folders), are removed after each call, and what a killed run left there is removed when \
        the next apply starts. deploy and destroy-model may take --juju-long-timeout; a running \
        change prints a line every 15 s.
        """ + EnvironmentHelp.line(EnvironmentHelp.repository, EnvironmentHelp.world))

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var engine: EngineOptions

    @Argument(help: ArgumentHelp("A plan saved with `tenantctl plan --out`.", valueName: "plan.json"))
    var planFile: String?

    @Flag(name: .long, help: "Apply without asking.")
    var autoApprove = false

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for another tenantctl apply holding one of the same environments before giving up.", valueName: "seconds"))
    var lockTimeout: Int = 120

    @Flag(name: .long, help: "No progress lines, only the summary.")
    var quiet = false


    @Option(name: .long, help: ArgumentHelp("Seconds a health gate may wait for units to settle.", valueName: "seconds"))
    var gateTimeout: Int = 600

    @Option(name: .long, help: ArgumentHelp("Seconds units must stay active and idle to pass a health gate.", valueName: "seconds"))
    var settle: Double = 2

    func validate() throws {
        if planFile != nil, autoApprove { throw ValidationError("a saved plan is applied as it is; --auto-approve is for planning and applying at once") }
        if gateTimeout < 1 { throw ValidationError("--gate-timeout must be at least 1 second") }
        if settle < 0 { throw ValidationError("--settle cannot be negative") }
        if lockTimeout < 0 { throw ValidationError("--lock-timeout cannot be negative") }
    }

    func run() async throws {
        try await CommandRunner.reportingErrors {
            let journal = try StoreJournal.open(engine)
            _ = try? journal.store.markInterruptedRuns(at: Date())
            let desired = try LoadedDesiredState.load(repository, tenants: engine.tenantFilter,
                                                      removed: RemovedTenants.owners(try journal.owned()))
            // One secret store for the run: observed, checked and read through the same Vault login.
            let store = try engine.secretStore(fleet: desired.fleet)
            let (quiet, lockTimeout) = (self.quiet, self.lockTimeout)
            var gate = HealthGate(timeout: .seconds(gateTimeout), settle: .milliseconds(Int(settle * 1000)))
            if !quiet { gate.report = { line in StandardStreams.error(line) } }
            let reconcile = StoreReconcileRun.make(
                journal: journal, engine: engine, secrets: store, command: "apply", lockTimeout: .seconds(lockTimeout), gate: gate,
                waitingForLock: { environment, holder in
                    if !quiet { StandardStreams.error(RunLock.waitingLine(environment: environment, holder: holder, timeout: lockTimeout)) }
                },
                progress: { line in if !quiet { StandardStreams.error(line) } })
            // The lock is held from before observing to the end of the run: two runs that observed
            // the same world would each add what they both found missing.
            let session: ReconcileSession
            do {
                session = try await reconcile.begin(StoreReconcileRun.target(desired, engine: engine, journal: journal, tenants: engine.tenantFilter))
            } catch let busy as RunLocking.Busy {
                throw RunLock.gaveUp(busy)
            }
            defer { session.end() }
            var plan = try choosePlan(session.plan)
            var leftForAPerson: [String] = []
            if planFile == nil, autoApprove { (plan, leftForAPerson) = withoutManualEnvironments(plan, desired: desired.state) }
            let paused = try withoutSuspendedTenants(&plan, store: journal)
            for line in PlanTextRenderer.skippedLines(plan) { print(String(line.dropFirst(2))) }
            for withheld in plan.withheld {
                print("\(withheld.environment): \(withheld.kind.rawValue) \(withheld.target) withheld: \(withheld.reason)")
            }
            guard !plan.isEmpty else {
                if !plan.skipped.isEmpty { print("Nothing applied; \(plan.skipped.count) environment(s) could not be planned (above).") }
                else if !leftForAPerson.isEmpty {
                    print("Nothing applied: \(leftForAPerson.count) environment(s) with sync: manual have pending changes (\(leftForAPerson.joined(separator: ", "))); a person applies them with tenantctl apply --tenant <tenant>.")
                }
                else if !paused.isEmpty {
                    print("Nothing applied: \(paused.count) suspended tenant(s) have pending changes (\(paused.joined(separator: ", "))); tenantctl resume <tenant> lets them be applied.")
                }
                else if !plan.withheld.isEmpty { print(WithheldCounts(plan.withheld).nothingToApplyLine) }
                else { print("No changes. The world matches the manifests.") }
                if !plan.skipped.isEmpty { throw ExitCode(1) }
                return
            }
            if planFile == nil, !autoApprove { try confirm(plan) }
            let work = Task { [plan] in try await session.apply(plan) }
            let signals = StopSignals.install { signalNumber in
                StandardStreams.error("\(signalNumber == SIGINT ? "interrupted" : "terminated"): stopping — no new change starts, the running ones finish (send it again to quit at once)")
                work.cancel()
            }
            let outcome = try await work.value
            signals.remove()
            let (run, report) = (outcome.run, outcome.report)
            for failure in report.failures { print("\(failure.environment): \(failure.id) failed: \(failure.error)") }
            print("\(report.summaryLine) (run \(run))")
            if report.stopped { throw ExitCode(130) }
            if !report.succeeded || !plan.skipped.isEmpty { throw ExitCode(1) }
        }
    }

    private func choosePlan(_ current: Plan) throws -> Plan {
        guard let planFile else { return current }
        let saved = try PlanFile.read(planFile)
        // The planner is deterministic: the same commit, world and options give the same changes.
        // Anything else moved, or was edited by hand (or planned with other options), and is not
        // applied: a file must never carry a change the manifests and the policies do not allow.
        if let stale = StalePlan.check(saved: saved, current: current) {
            throw CLIError("refusing the stale plan \(planFile): \(stale.userMessage); \(stale.hint ?? "plan again")")
        }
        return saved
    }

    /// A suspended tenant is applied by nobody, a person naming it with --tenant included (resume
    /// it first): suspending is how a person says "hands off" without a commit. Returns the
    /// tenants held back.
    private func withoutSuspendedTenants(_ plan: inout Plan, store journal: StoreJournal) throws -> [String] {
        let suspension = Suspension(tenants: Set(try journal.store.suspendedTenants().map(\.tenant)))
        let (remaining, held) = suspension.hold(plan)
        plan = remaining
        for (tenant, changes) in held.sorted(by: { $0.key < $1.key }) {
            StandardStreams.error("[\(tenant)] suspended — \(changes.count) change(s) not applied (tenantctl resume \(tenant))")
        }
        return held.keys.sorted()
    }

    /// `sync: manual` means a person applies: unattended runs leave those environments alone.
    /// The plan less the `sync: manual` environments not named with --tenant, and those left.
    private func withoutManualEnvironments(_ plan: Plan, desired: DesiredState) -> (Plan, [String]) {
        let named = engine.tenantFilter ?? []
        let manual = ManualSync(manualEnvironments: Set(desired.environments.filter { $0.policy.sync == .manual }.map(\.id)))
        let (filtered, held) = manual.hold(plan, except: Set(desired.environments.filter { named.contains($0.tenant ?? "") }.map(\.id)))
        for (environment, changes) in held.sorted(by: { $0.key < $1.key }) {
            let tenant = changes.first?.tenant ?? environment
            StandardStreams.error("[\(environment)] sync: manual — \(changes.count) change(s) left for a person (tenantctl apply --tenant \(tenant))")
        }
        return (filtered, held.keys.sorted())
    }

    private func confirm(_ plan: Plan) throws {
        print(PlanTextRenderer(color: Terminal.useColor).render(plan), terminator: "")
        guard Terminal.stdinIsTTY else {
            throw CLIError("no terminal to confirm on: use --auto-approve, or apply a saved plan (tenantctl plan --out plan.json; tenantctl apply plan.json)")
        }
        print("Apply these \(plan.changes.count) changes? Only 'yes' is accepted: ", terminator: "")
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
            throw CLIError("apply cancelled; nothing was changed")
        }
    }
}
