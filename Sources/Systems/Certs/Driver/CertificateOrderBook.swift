import CertsPlanning
import Foundation

/// Where the certificate driver journals the orders it gives certbot, and reads them back for
/// the rate-limit forecast: the state store's `certificate_order` table in the CLI. Without a
/// book (a plan with no state directory yet) the forecast counts the plan alone.
public protocol CertificateOrderBook: Sendable {
    /// Orders placed at or after `since`.
    func certificateOrders(since: Date) throws -> [CertificateOrder]
    /// Journals an order before certbot places it; the id closes it.
    func startCertificateOrder(directory: String, lineage: String, names: [String], renewal: Bool) throws -> Int64
    func finishCertificateOrder(_ id: Int64, issued: Bool) throws
}
