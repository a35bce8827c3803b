import CertsDriver
import CertsPlanning
import Foundation
import Store

/// The certificate driver's order history on the state store (rate-limit forecast).
extension StoreJournal: CertificateOrderBook {
    func certificateOrders(since: Date) throws -> [CertificateOrder] {
        try store.certificateOrders(since: since).map { record in
            CertificateOrder(directory: record.directory, names: record.names, renewal: record.renewal, issued: record.issued,
                             orderedAt: Int(record.orderedAt.timeIntervalSince1970))
        }
    }

    func startCertificateOrder(directory: String, lineage: String, names: [String], renewal: Bool) throws -> Int64 {
        try store.startCertificateOrder(directory: directory, lineage: lineage, names: names, renewal: renewal, at: Date())
    }

    func finishCertificateOrder(_ id: Int64, issued: Bool) throws {
        try store.finishCertificateOrder(id, issued: issued)
    }
}
