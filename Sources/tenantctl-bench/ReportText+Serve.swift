/// The serve part of the report (issue 10): push webhook to first change, and the flood.
extension ReportText {
    static func serveSection(_ serve: ServeFigures) -> String {
        var out = "\ntenantctl serve on the example fleet with juju-sim (issue 10)\n"
        out += "  \(serve.tenants) tenants, \(serve.models) models; the startup run applied the fleet in \(Formatting.duration(serve.startupRunSeconds))\n"
        var table = TextTable([.left, .right, .left])
        table.add("measure", "value", "")
        table.add("push webhook received to \(serve.tenant)'s first change started (median of \(serve.samples.count))",
                  Formatting.duration(serve.medianReceivedToChange), serve.samples.map { Formatting.duration($0.receivedToChangeSeconds) }.joined(separator: ", "))
        table.add("  from the webhook's answer, as the sender saw it (median)", Formatting.duration(serve.medianAnswerToChange), "")
        table.add("floor: `juju status` of its \(serve.tenantModels) model(s) at once, juju-sim (median of \(serve.floorRuns.count))",
                  Formatting.duration(serve.floorSecondsMedian), serve.floorRuns.map { Formatting.duration($0) }.joined(separator: ", "))
        table.add("webhook to first change / floor", Formatting.ratio(serve.ratio) + "×", "")
        table.add("flood: webhooks sent within \(serve.floodSeconds) s over \(serve.floodConnections) connections",
                  Formatting.count(serve.floodEvents), "sent in " + Formatting.duration(serve.floodWallSeconds))
        let refused = serve.refused.sorted { $0.key < $1.key }.map { "\($0.value) × HTTP \($0.key)" }.joined(separator: ", ")
        table.add("flood: accepted (202)", Formatting.count(serve.accepted), refused.isEmpty ? "none refused" : refused)
        table.add("flood: looks taken / coalesced into a pending look", "\(Int(serve.looks)) / \(Formatting.count(Int(serve.coalesced)))", "")
        table.add("flood: reconcile runs started", String(serve.runs), "")
        table.add("serve RSS before / after the flood (VmRSS)",
                  "\(Formatting.bytes(Double(serve.rssBeforeBytes))) / \(Formatting.bytes(Double(serve.rssAfterBytes)))",
                  "peak since start (VmHWM) \(Formatting.bytes(Double(serve.peakAfterBytes)))")
        out += table.render() + "\n"
        return out
    }
}
