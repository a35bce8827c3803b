/// The DNS apply part of the report: plan and apply of many records in one zone, per provider,
/// and the provider calls the apply made beside the fewest its API allows.
extension ReportText {
    static func dnsApplySection(_ report: BenchReport) -> String {
        guard !report.dnsApply.isEmpty else { return "" }
        var out = "\nDNS apply: records written in one zone, then a second plan (issue 8)\n"
        var table = TextTable([.left, .right, .left])
        table.add("measure", "value", "")
        for figures in report.dnsApply {
            let name = "\(figures.provider.label), \(Formatting.count(figures.records)) records (\(figures.tenants) tenants)"
            table.add("\(name): plan", Formatting.duration(figures.plan.wallSeconds), "")
            table.add("\(name): apply", Formatting.duration(figures.apply.wallSeconds), "")
            table.add("\(name): changes per second", String(format: "%.1f", figures.changesPerSecond), "\(figures.upserts) dns.upsert")
            for call in figures.callLines {
                table.add("\(name): \(call.call) calls during apply", Formatting.count(call.made), "minimum \(Formatting.count(call.minimum))")
            }
            table.add("\(name): second plan", Formatting.duration(figures.secondPlan.wallSeconds),
                      figures.secondPlanChanges == 0 ? "empty" : "\(figures.secondPlanChanges) changes LEFT")
        }
        out += table.render() + "\n"
        out += "  Minimum: one list of the zone per run; writes batched as far as the API allows (one nsupdate run can send "
        out += "every update; Route 53: 1,000 records and 32,000 value characters per request, an UPSERT counting twice); "
        out += "the DNS health gate asks the zone's server once per written record. tenantctl writes one change per record "
        out += "set (its record and ownership TXT), each an idempotent unit the walker retries or skips on its own.\n"
        return out
    }
}
