import DNSPlanning

/// `ChangeResourceRecordSets` request bodies, split to Route 53's limits: at most 1,000
/// `ResourceRecord` elements and 32,000 characters of values per request, an UPSERT counting
/// twice for both (AWS's "Quotas on API requests"). Entries keep their order, so deletions
/// placed first stay first.
enum Route53ChangeBatches {
    struct Limits: Sendable, Equatable {
        var records = 1000
        var valueCharacters = 32000
    }

    static func split(_ entries: [DNSChangeBatch.Entry], limits: Limits = Limits()) -> [[DNSChangeBatch.Entry]] {
        var batches: [[DNSChangeBatch.Entry]] = []
        var current: [DNSChangeBatch.Entry] = []
        var records = 0
        var characters = 0
        for entry in entries {
            let cost = Self.cost(entry)
            if !current.isEmpty, records + cost.records > limits.records || characters + cost.characters > limits.valueCharacters {
                batches.append(current)
                current = []
                records = 0
                characters = 0
            }
            current.append(entry)
            records += cost.records
            characters += cost.characters
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    static func cost(_ entry: DNSChangeBatch.Entry) -> (records: Int, characters: Int) {
        let set = entry.recordSet
        let factor = if case .upsert = entry { 2 } else { 1 }
        let characters = set.values.reduce(0) { $0 + Route53Values.route53Value(fromValue: $1, type: set.type).count }
        return (set.values.count * factor, characters * factor)
    }

    /// Sets written without a TTL get this one: Route 53 requires a TTL on every non-alias set.
    static let defaultTTL = 300

    static func body(_ entries: [DNSChangeBatch.Entry], comment: String = "tenantctl") -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"#
        xml += #"<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch>"#
        xml += "<Comment>\(XMLText.escape(comment))</Comment><Changes>"
        for entry in entries {
            let set = entry.recordSet
            let action = if case .upsert = entry { "UPSERT" } else { "DELETE" }
            xml += "<Change><Action>\(action)</Action><ResourceRecordSet>"
            xml += "<Name>\(XMLText.escape(Route53Names.encode(set.name)))</Name><Type>\(XMLText.escape(set.type))</Type>"
            xml += "<TTL>\(set.ttl ?? defaultTTL)</TTL><ResourceRecords>"
            for value in set.values {
                xml += "<ResourceRecord><Value>\(XMLText.escape(Route53Values.route53Value(fromValue: value, type: set.type)))</Value></ResourceRecord>"
            }
            xml += "</ResourceRecords></ResourceRecordSet></Change>"
        }
        xml += "</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>"
        return xml
    }
}
