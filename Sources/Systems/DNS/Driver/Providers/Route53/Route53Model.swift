import DNSPlanning
import Foundation

/// A hosted zone as `ListHostedZonesByName` answers it.
struct Route53HostedZone: Sendable, Equatable {
    /// Without the `/hostedzone/` prefix.
    var id: String
    var name: String
    var privateZone: Bool
}

/// One page of `ListResourceRecordSets`.
struct Route53RecordPage: Sendable, Equatable {
    var recordSets: [DNSRecordSet]
    var isTruncated: Bool
    var nextRecordName: String?
    var nextRecordType: String?
    var nextRecordIdentifier: String?
}

/// `ChangeInfo` of `ChangeResourceRecordSets` and `GetChange`.
struct Route53ChangeInfo: Sendable, Equatable {
    /// Without the `/change/` prefix.
    var id: String
    /// `PENDING` or `INSYNC`.
    var status: String
}

/// An error answer: `<ErrorResponse><Error><Type/><Code/><Message/></Error>…` or, for a refused
/// batch, `<InvalidChangeBatch><Messages><Message/>…</Messages>…`.
struct Route53Error: Sendable, Equatable {
    var code: String
    var messages: [String]
}
