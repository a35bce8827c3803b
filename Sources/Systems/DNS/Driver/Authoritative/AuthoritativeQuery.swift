import DNSPlanning
import Foundation
import Reconciler
import TenantCore

/// What one authoritative server answers for a name and type, asked directly and without
/// recursion (`dig +norecurse @server`): never a resolver whose cache could answer from before.
/// Values are normalized as zone listings are (``DigZoneParser/record(_:)``), so that they
/// compare with planned values.
public enum AuthoritativeQuery {
    /// The server's answer: the values of `name` `type` (empty: it answered, with none), or why
    /// there is no answer to read (the server did not answer, refused, or is not authoritative).
    public enum Answer: Sendable, Equatable, CustomStringConvertible {
        case values(Set<String>)
        case failed(String)

        public var description: String {
            switch self {
            case let .values(values) where values.isEmpty: "answers no record"
            case let .values(values): "answers " + values.sorted().map { Printable.short($0) }.joined(separator: ", ")
            case let .failed(why): why
            }
        }
    }

    public static func ask(_ server: NameServer, name: String, type: String, runner: ProcessRunner = ProcessRunner(),
                           dig: String = "dig") async -> Answer {
        let name = DNSName.normalized(name)
        let output: ProcessOutput
        do {
            output = try await runner.run(dig, ["+norecurse", "+noall", "+answer", "+comments", "+time=2", "+tries=1",
                                                "-p", String(server.port), "@\(server.host)", "\(name).", type], timeout: .seconds(10))
        } catch {
            return .failed("could not be asked: \(error)")
        }
        if output.timedOut || output.exitCode != 0 {
            // dig says why on a comment line (`;; connection timed out; no servers could be reached`).
            let line = (output.stdoutText + "\n" + output.stderrText).split(whereSeparator: \.isNewline)
                .map { String($0.drop { $0 == ";" || $0 == " " }) }.first { !$0.isEmpty } ?? (output.timedOut ? "timed out" : "no output")
            return .failed("did not answer (\(Printable.short(line)))")
        }
        // A server that does not serve the zone refuses, or answers without the AA flag (a
        // referral): neither says what the zone holds.
        let text = output.stdoutText
        guard text.contains("->>HEADER<<-") else { return .failed("did not answer (dig printed no reply)") }
        if let status = text.range(of: "status: ").map({ text[$0.upperBound...].prefix { $0 != "," } }), status != "NOERROR", status != "NXDOMAIN" {
            return .failed("answered \(status)")
        }
        if let flags = text.range(of: ";; flags: ").map({ text[$0.upperBound...].prefix { $0 != ";" } }), !flags.split(separator: " ").contains("aa") {
            return .failed("answered without authority (not a server of this zone)")
        }
        var values = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            do {
                if let record = try DigZoneParser.record(line), record.key == DNSRecordKey(name: name, type: type) { values.insert(record.value) }
            } catch {
                return .failed("gave an unreadable answer: \(error)")
            }
        }
        return .values(values)
    }
}
