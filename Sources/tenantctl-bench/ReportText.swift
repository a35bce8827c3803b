/// The benchmark report as text: the setup, the generated repositories, then one table of figures
/// with the budget of DESIGN.md beside each, and the individual runs.
enum ReportText {
    static func render(_ report: BenchReport) -> String {
        let large = report.large, small = report.small
        let n = large.repository.tenants, m = small.repository.tenants
        var out = "tenantctl benchmark\n"
        out += "  binary     \(report.tenantctl)\n"
        out += "  host       \(report.host), \(report.cpus) CPU\(report.cpus == 1 ? "" : "s")\n"
        out += "  seed       \(report.seed); git objects \(large.repository.packed ? "packed (as in a fetched clone)" : "loose")\n\n"

        out += "Generated repositories (tenantctl.yaml, offers/ and bundles/ of the examples; two commits, HEAD changes one tenant)\n"
        for figures in [large, small] {
            let repository = figures.repository
            let offers = repository.tenantsByOffer.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \(Formatting.count($0.value))" }.joined(separator: ", ")
            out += "  \(Formatting.count(repository.tenants)) tenants: \(offers)\n"
            out += "      \(Formatting.count(figures.environments)) environments, \(Formatting.count(repository.domains)) domains, "
            out += "\(Formatting.count(repository.folderTenants)) in folder form, \(Formatting.bytes(Double(repository.manifestBytes))) of tenant manifests; "
            out += "written in \(Formatting.duration(repository.writeSeconds)), git \(Formatting.duration(repository.gitSeconds)); "
            out += "HEAD changes \(repository.modifiedPath)\n"
        }

        let budgets = report.budgets
        var table = TextTable([.left, .right, .left, .left])
        table.add("measure", "value", "budget (DESIGN.md)", "")
        table.add("validate, \(n) tenants: wall time (median of \(large.validateRuns.count))",
                  Formatting.duration(large.validateMedianSeconds), budgets[0].budget + " (\"in seconds\")", verdict(budgets[0]))
        table.add("validate, \(n) tenants: CPU time user+sys (median)", Formatting.duration(large.validateMedianCPUSeconds), "", "")
        table.add("validate, \(n) tenants: peak RSS (max of \(large.validateRuns.count))",
                  Formatting.bytes(Double(large.validateMaxRSSBytes)), "", "")
        table.add("validate, \(n) tenants: peak RSS / tenants", Formatting.bytes(large.validateRSSPerTenant),
                  budgets[1].budget + " (\"well under\")", verdict(budgets[1]))
        table.add("validate, \(m) tenants: wall time (median of \(small.validateRuns.count))",
                  Formatting.duration(small.validateMedianSeconds), "", "")
        table.add("validate, \(m) tenants: peak RSS (max of \(small.validateRuns.count))",
                  Formatting.bytes(Double(small.validateMaxRSSBytes)), "", "")
        table.add("validate: marginal RSS per tenant (\(n) vs \(m))", Formatting.bytes(report.marginalBytesPerTenant),
                  budgets[2].budget, verdict(budgets[2]))
        table.add("changed HEAD~1..HEAD, one tenant, \(n) tenants (median of \(large.changedRuns.count))",
                  Formatting.duration(large.changedMedianSeconds), "", "")
        table.add("changed HEAD~1..HEAD, one tenant, \(m) tenants (median of \(small.changedRuns.count))",
                  Formatting.duration(small.changedMedianSeconds), "", "")
        table.add("changed: peak RSS, \(n) / \(m) tenants",
                  "\(Formatting.bytes(Double(large.changedMaxRSSBytes))) / \(Formatting.bytes(Double(small.changedMaxRSSBytes)))", "", "")
        table.add("for reference: tenantctl version, process start-up (median of \(report.startup.count))",
                  Formatting.duration(report.startupMedianSeconds), "", "")
        table.add("changed: time ratio \(n) / \(m)", Formatting.ratio(report.changedRatio), budgets[3].budget, verdict(budgets[3]))
        out += "\nFigures\n" + table.render() + "\n"
        out += worldSection(report)
        out += dnsApplySection(report)
        if let serve = report.serve { out += serveSection(serve) }

        out += "\nRuns (wall time, peak RSS, CPU user+sys)\n"
        var worldRuns: [(String, [RunFigures])] = report.plans.map { ("plan, \($0.tenants) tenants", $0.runs) }
        if let sweep = report.sweep { worldRuns.append(("drift sweep", [sweep.run])) }
        if let replay = report.sweep?.replay { worldRuns.append(("drift sweep against juju-replay", [replay.run])) }
        if let vault = report.vault { worldRuns.append(("plan with Vault, \(vault.tenants) tenants", [vault.run])) }
        if let dns = report.dns { worldRuns.append(("plan with DNS, \(dns.zones) zones", [dns.run])) }
        for apply in report.dnsApply {
            worldRuns.append(("DNS apply on \(apply.provider.rawValue): plan, apply, second plan", [apply.plan, apply.apply, apply.secondPlan]))
        }
        if let certs = report.certs { worldRuns.append(("apply with \(certs.certificates) certificates", [certs.run])) }
        for (name, runs) in [("validate, \(n) tenants", large.validateRuns), ("validate, \(m) tenants", small.validateRuns),
                             ("changed, \(n) tenants", large.changedRuns), ("changed, \(m) tenants", small.changedRuns),
                             ("version", report.startup)] + worldRuns {
            let cells = runs.map {
                "\(Formatting.duration($0.wallSeconds)) \(Formatting.bytes(Double($0.maxRSSBytes)))\($0.atFloor ? "*" : "") \(Formatting.duration($0.userSeconds + $0.systemSeconds))"
            }
            out += "  \(name): \(cells.joined(separator: " | "))\n"
        }
        let allRuns = large.validateRuns + small.validateRuns + large.changedRuns + small.changedRuns + report.startup
            + worldRuns.flatMap(\.1)
        let floors = allRuns.compactMap(\.rssFloorBytes)
        if let floor = floors.max() {
            out += "  Peak RSS is wait4's ru_maxrss of tenantctl, spawned from a measuring helper whose own peak "
            out += "(\(Formatting.bytes(Double(floor)))) Linux carries over exec as a floor"
            let atFloor = allRuns.contains(where: \.atFloor)
            out += atFloor ? "; runs marked * are at that floor (upper bounds).\n" : "; every run is above it.\n"
        }
        let over = budgets.filter { !$0.withinBudget }.count
        out += over == 0 ? "\nAll figures within the DESIGN.md budgets.\n" : "\n\(over) figure(s) over the DESIGN.md budgets.\n"
        return out
    }

    static func verdict(_ budget: Budget) -> String {
        budget.withinBudget ? "ok" : "OVER BUDGET"
    }
}
