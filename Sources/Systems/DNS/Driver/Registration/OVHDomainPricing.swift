import Foundation
import HTTPClient

/// The price OVH quotes for registering a domain, read through the order cart without ordering:
/// `POST /order/cart` (a cart for the subsidiary), `GET /order/cart/{cartId}/domain?domain=…`
/// (the offers for that name), then `DELETE /order/cart/{cartId}`. A name OVH can register has
/// an orderable `create` offer; a taken one only a `transfer` offer.
public struct OVHDomainPricing: Sendable {
    let api: OVHAPI

    public init(endpoint: OVHEndpoint, credentials: OVHCredentials, http: HTTPClient) {
        api = OVHAPI(endpoint: endpoint, credentials: credentials, http: http, clock: OVHClockOffset())
    }

    /// The registration offer for `domain`, or nil when OVH offers no registration (taken, or a
    /// TLD OVH does not sell). `subsidiary`: OVH's `ovhSubsidiary` (`FR`, `GB`, `CA`…), which sets
    /// the currency.
    public func registrationOffer(for domain: String, subsidiary: String = "FR") async throws -> OVHDomainOffer? {
        let cart = try api.decode(OVHCart.self, try await api.send(.post, "/order/cart", body: OVHCartCreation(ovhSubsidiary: subsidiary)),
                                  doing: "creating an order cart")
        let path = "/order/cart/" + URLComponentEncoding.encode(cart.cartId)
        let offers: [OVHCartDomainOffer]
        do {
            offers = try api.decode([OVHCartDomainOffer].self, try await api.send(.get, path + "/domain", query: [("domain", domain)]),
                                    doing: "reading the offers for \(domain)")
        } catch {
            _ = try? await api.send(.delete, path)
            throw error
        }
        // The cart was only a means to a quote; one left behind expires on its own.
        _ = try? await api.send(.delete, path)
        guard let offer = offers.first(where: { $0.action == "create" && $0.orderable }) else { return nil }
        guard let price = offer.prices.first(where: { $0.label == "TOTAL" }) ?? offer.prices.first(where: { $0.label == "PRICE" }) else {
            return nil
        }
        return OVHDomainOffer(domain: domain, offerId: offer.offerId, amount: price.price.value, currency: price.price.currencyCode,
                              period: offer.duration.first ?? "P1Y")
    }
}

/// A registration OVH would sell: the price of the first period, with tax as OVH's `TOTAL` says.
public struct OVHDomainOffer: Sendable, Equatable {
    public var domain: String
    public var offerId: String?
    public var amount: Double
    public var currency: String
    /// ISO 8601 duration (`P1Y`).
    public var period: String
}

struct OVHCartCreation: Encodable, Sendable {
    var ovhSubsidiary: String
}

struct OVHCart: Decodable {
    var cartId: String
}

/// One entry of `GET /order/cart/{cartId}/domain`.
struct OVHCartDomainOffer: Decodable {
    struct Price: Decodable {
        struct Amount: Decodable {
            var currencyCode: String
            var value: Double
        }
        var label: String
        var price: Amount
    }
    var action: String
    var offerId: String?
    var orderable: Bool
    var duration: [String]
    var prices: [Price]
}
