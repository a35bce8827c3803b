/// The issue-3 part of the report: `plan` from snapshots and the drift sweep against juju-sim.
extension ReportText {
    static func worldSection(_ report: BenchReport) -> String {
        guard !report.plans.isEmpty || report.sweep != nil else { return "" }
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
        }
        return out + table.render() + "\n"
    }
}
