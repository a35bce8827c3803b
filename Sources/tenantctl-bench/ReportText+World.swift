/// The issue-3 part of the report: `plan` from snapshots and the drift sweep against juju-sim.
extension ReportText {
    static func worldSection(_ report: BenchReport) -> String {
        guard !report.plans.isEmpty || report.sweep != nil || report.vault != nil || report.dns != nil || report.certs != nil else { return "" }
        var out = "\nPlan from a snapshot and drift sweep (issue 3)\n"
        for plan in report.plans {
            let world = plan.world
            let drifted = world.drifted.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            out += "  \(Formatting.count(plan.tenants)) tenants: snapshot of \(Formatting.count(plan.models)) models "
            out += "(\(Formatting.count(world.converged)) converged; \(drifted); \(world.absent) absent; "
            out += "\(world.deleted) of deleted tenants), \(Formatting.bytes(Double(plan.snapshotBytes))); "
            out += "plan: \(Formatting.count(plan.actions)) actions in \(Formatting.count(plan.environmentsWithActions)) environments, \(plan.withheld) withheld\n"
        }
        if let sweep = report.sweep {
            out += "  drift sweep: \(sweep.models) models of the \(Formatting.count(sweep.tenants))-tenant repository in juju-sim "
            out += "(\(sweep.deployed) with their bundle deployed; \(sweep.absent) more environments absent), "
            out += "\(sweep.calls) juju calls; exit \(sweep.exitStatus), \(Formatting.count(sweep.driftItems)) drift items"
            out += sweep.unobserved > 0 ? ", \(sweep.unobserved) environments UNOBSERVED (e.g. \(sweep.unobservedSample.joined(separator: "; ")))\n" : "\n"
            for crash in sweep.crashes {
                out += "  drift sweep: an earlier attempt CRASHED and was retried: \(crash)\n"
            }
            if let replay = sweep.replay {
                out += "  drift sweep against juju-replay (juju-sim's answers recorded in \(Formatting.duration(replay.recordingSeconds)), replayed after the same latency): "
                out += "\(replay.statusCalls) status + \(replay.exportCalls) export-bundle + \(replay.otherCalls) other calls; exit \(replay.exitStatus), "
                out += "\(Formatting.count(replay.driftItems)) drift items (\(replay.sameAnswerAsJujuSim ? "as" : "NOT as") against juju-sim)"
                out += replay.unobserved > 0 ? ", \(replay.unobserved) environments UNOBSERVED\n" : "\n"
                for crash in replay.crashes {
                    out += "  drift sweep against juju-replay: an earlier attempt CRASHED and was retried: \(crash)\n"
                }
            }
        }
        if let vault = report.vault {
            out += "  plan with Vault: \(Formatting.count(vault.tenants)) tenants (dedicated offers), \(Formatting.count(vault.environments)) environments, "
            out += "\(Formatting.count(vault.secretPaths)) secret paths seeded in vault-sim; \(vault.requests) Vault requests "
            out += "(\(vault.metadataRequests) metadata, \(vault.failedRequests) failed); exit \(vault.exitStatus), "
            out += "\(Formatting.count(vault.vaultChecks)) vault.check changes, \(vault.skipped) environments held back\n"
        }
        if let dns = report.dns {
            out += "  plan with DNS: \(dns.zones) OVH zones of \(dns.recordsPerZone) records in ovh-sim, one tenant per zone; "
            out += "\(Formatting.count(dns.requests)) OVH requests (a list and a read per record: API v1 has no bulk read); \(dns.upserts) dns.upsert changes\n"
        }
        if let certs = report.certs {
            out += "  apply with certificates: \(certs.certificates) domains in bind9 (RFC 2136), certbot ordering from pebble (DNS-01); "
            out += "\(certs.acmeRequests) ACME requests and \(certs.acmeOrders) orders logged by pebble, \(certs.dnsUpdates) RR changes logged by named "
            out += "(record changes, challenges and their removal); \(certs.orders) certbot runs, one at a time (certbot locks its folders), "
            out += "with up to \(certs.certMaxConcurrent) cert.issue changes in flight waiting their turn; dns.upsert up to \(certs.dnsMaxConcurrent) at once\n"
        }

        var table = TextTable([.left, .right, .left, .left])
        table.add("measure", "value", "budget (DESIGN.md)", "")
        for plan in report.plans {
            let time = plan.timeBudget, memory = plan.memoryBudget
            let judged = plan.tenants == report.plans.last?.tenants
            table.add("plan --observed, \(plan.tenants) tenants: wall time (median of \(plan.runs.count))",
                      Formatting.duration(plan.medianSeconds), time.budget + " (\"in seconds\")", verdict(time))
            table.add("plan --observed, \(plan.tenants) tenants: CPU time user+sys (median)", Formatting.duration(plan.medianCPUSeconds), "", "")
            table.add("plan --observed, \(plan.tenants) tenants: peak RSS (max of \(plan.runs.count))",
                      Formatting.bytes(Double(plan.maxRSSBytes)), "", "")
            table.add("plan --observed, \(plan.tenants) tenants: peak RSS / tenants", Formatting.bytes(plan.rssPerTenant),
                      judged ? memory.budget + " (\"well under\")" : "", judged ? verdict(memory) : "")
        }
        if let budget = report.planMarginalBudget, let first = report.plans.first, let last = report.plans.last {
            table.add("plan: marginal RSS per tenant (\(last.tenants) vs \(first.tenants))", Formatting.bytes(budget.value),
                      budget.budget, verdict(budget))
        }
        if let budget = report.planRatioBudget, let first = report.plans.first, let last = report.plans.last {
            table.add("plan: time ratio \(last.tenants) / \(first.tenants)", Formatting.ratio(budget.value), budget.budget, verdict(budget))
        }
        if let sweep = report.sweep {
            let budget = sweep.budget
            table.add("drift sweep, \(sweep.models) models, \(SweepFigures.latencyMilliseconds) ms/call, parallelism \(SweepFigures.parallelism): wall time",
                      Formatting.duration(sweep.run.wallSeconds), "", "")
            table.add("drift sweep: floor N·L/C = \(sweep.models)×\(Double(SweepFigures.latencyMilliseconds) / 1000)/\(SweepFigures.parallelism)",
                      Formatting.duration(sweep.floorSeconds), "", "")
            table.add("drift sweep: wall time / floor", Formatting.ratio(sweep.ratio), budget.budget, verdict(budget))
            table.add("drift sweep: CPU user+sys, tenantctl and its juju-sim calls", Formatting.duration(sweep.cpuSeconds), "", "")
            table.add("drift sweep: that CPU over \(sweep.cpus) CPU\(sweep.cpus == 1 ? "" : "s") (the host's own floor)",
                      Formatting.duration(sweep.cpuFloorSeconds), "", "")
            table.add("drift sweep: peak RSS of tenantctl", Formatting.bytes(Double(sweep.run.maxRSSBytes)), "", "")
            if let replay = sweep.replay {
                let budget = replay.budget
                table.add("drift sweep against juju-replay, \(replay.models) models, \(replay.latencyMilliseconds) ms/call, parallelism \(replay.parallelism): wall time",
                          Formatting.duration(replay.run.wallSeconds), "", "")
                table.add("juju-replay sweep: floor L + (\(replay.statusCalls) status + \(replay.exportCalls) export-bundle)×L/\(replay.parallelism), L = \(Double(replay.latencyMilliseconds) / 1000) s",
                          Formatting.duration(replay.floorSeconds), "", "")
                table.add("juju-replay sweep: wall time / floor", Formatting.ratio(replay.ratio), budget.budget + " (the issue's target)", verdict(budget))
                table.add("juju-replay sweep: first call's start to last call's end, calls in flight on average",
                          "\(Formatting.duration(replay.callSeconds)), \(String(format: "%.1f", replay.meanInFlight))", "", "")
                table.add("juju-replay sweep: CPU user+sys, tenantctl and its juju-replay calls", Formatting.duration(replay.cpuSeconds), "", "")
                table.add("juju-replay sweep with no latency: wall time (tenantctl's own cost)", Formatting.duration(replay.noLatencyRun.wallSeconds), "", "")
                table.add("juju-replay sweep: peak RSS of tenantctl", Formatting.bytes(Double(replay.run.maxRSSBytes)), "", "")
            }
        }
        if let vault = report.vault {
            let budget = vault.budget
            table.add("plan with Vault, \(vault.tenants) tenants, \(VaultPlanFigures.latencyMilliseconds) ms/request, parallelism \(VaultPlanFigures.parallelism): wall time",
                      Formatting.duration(vault.run.wallSeconds), "", "")
            table.add("plan with Vault: Vault span (vault-sim's first answer to its last)", Formatting.duration(vault.vaultSpanSeconds), "", "")
            table.add("plan with Vault: floor \(vault.requests) requests×\(Double(VaultPlanFigures.latencyMilliseconds) / 1000)/\(VaultPlanFigures.parallelism)",
                      Formatting.duration(vault.floorSeconds), "", "")
            table.add("plan with Vault: Vault span / floor", Formatting.ratio(vault.spanRatio), budget.budget, verdict(budget))
            table.add("plan with Vault: wall time / floor", Formatting.ratio(vault.ratio), "", "")
            table.add("plan with Vault: CPU user+sys", Formatting.duration(vault.run.userSeconds + vault.run.systemSeconds), "", "")
            table.add("plan with Vault: peak RSS", Formatting.bytes(Double(vault.run.maxRSSBytes)), "", "")
        }
        if let dns = report.dns {
            table.add("plan with DNS, \(dns.zones) zones × \(dns.recordsPerZone) records, \(DNSObserveFigures.latencyMilliseconds) ms/request, "
                      + "\(DNSObserveFigures.parallelism) zones × \(DNSObserveFigures.readsPerZone) reads in flight: wall time", Formatting.duration(dns.run.wallSeconds), "", "")
            table.add("plan with DNS: OVH span (ovh-sim's first request to its last)", Formatting.duration(dns.dnsSpanSeconds), "", "")
            table.add("plan with DNS: floor \(dns.requests) requests×\(Double(DNSObserveFigures.latencyMilliseconds) / 1000)/\(DNSObserveFigures.parallelism * DNSObserveFigures.readsPerZone)",
                      Formatting.duration(dns.floorSeconds), "", "")
            table.add("plan with DNS: OVH span / floor", Formatting.ratio(dns.spanRatio), "", "")
            table.add("plan with DNS: wall time / floor", Formatting.ratio(dns.ratio), "", "")
            table.add("plan with DNS: peak RSS", Formatting.bytes(Double(dns.run.maxRSSBytes)), "", "")
        }
        if let certs = report.certs {
            table.add("apply issuing \(certs.certificates) certificates against pebble, --parallelism \(CertsIssueFigures.parallelism): wall time",
                      Formatting.duration(certs.run.wallSeconds), "", "")
            table.add("apply with certificates: cert.issue span (first start to last end)", Formatting.duration(certs.certSpanSeconds), "", "")
            table.add("apply with certificates: one certbot run (median gap between orders)", Formatting.duration(certs.certbotMedianSeconds), "", "")
            table.add("apply with certificates: one cert.issue change, its wait included (median)", Formatting.duration(certs.certMedianSeconds), "", "")
            table.add("apply with certificates: peak RSS", Formatting.bytes(Double(certs.run.maxRSSBytes)), "", "")
        }
        return out + table.render() + "\n"
    }
}
