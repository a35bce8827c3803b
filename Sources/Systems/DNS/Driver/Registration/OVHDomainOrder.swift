import Foundation
import HTTPClient

/// Buying a domain at OVH: the order flow of its API v1. A cart (`POST /order/cart`), the domain
/// as its item (`POST /order/cart/{cartId}/domain`), the cart assigned to the account
/// (`POST /order/cart/{cartId}/assign`), then `POST /order/cart/{cartId}/checkout` with
/// `autoPayWithPreferredPaymentMethod` — the call that spends money — which answers the order;
/// its progress is `GET /me/order/{orderId}/status`. The zone comes with the domain.
///
/// A cart is checked out at most once, so the cart id (journaled before the checkout) makes a
/// purchase whose answer was lost safe to look up: a cart still open was never checked out.
public struct OVHDomainOrder: Sendable {
    let api: OVHAPI

    public init(endpoint: OVHEndpoint, credentials: OVHCredentials, http: HTTPClient) {
        api = OVHAPI(endpoint: endpoint, credentials: credentials, http: http, clock: OVHClockOffset())
    }

    /// A cart holding the registration of `domain` for `years`, assigned to the account: ready
    /// for checkout, nothing bought yet. Returns the cart id and what OVH will charge.
    public func prepare(_ domain: String, years: Int, subsidiary: String) async throws -> OVHPreparedCart {
        let cart = try api.decode(OVHCart.self, try await api.send(.post, "/order/cart", body: OVHCartCreation(ovhSubsidiary: subsidiary)),
                                  doing: "creating an order cart")
        let path = Self.cartPath(cart.cartId)
        do {
            _ = try api.decode(OVHCartItem.self, try await api.send(.post, path + "/domain", body: OVHCartDomainItem(domain: domain, duration: "P\(years)Y", quantity: 1)),
                               doing: "putting \(domain) in the cart")
            let response = try await api.send(.post, path + "/assign")
            guard response.isSuccess else { throw api.failure(response, doing: "assigning the cart to the account") }
            let summary = try api.decode(OVHCartSummary.self, try await api.send(.get, path + "/checkout"), doing: "reading the cart's price")
            return OVHPreparedCart(cartId: cart.cartId, amount: summary.prices.withTax.value, currency: summary.prices.withTax.currencyCode)
        } catch {
            _ = try? await api.send(.delete, path)
            throw error
        }
    }

    /// Checks the cart out, paid with the account's preferred means: the purchase. Returns the order id.
    public func checkout(cartId: String) async throws -> Int {
        let response = try await api.send(.post, Self.cartPath(cartId) + "/checkout",
                                          body: OVHCheckout(autoPayWithPreferredPaymentMethod: true, waiveRetractationPeriod: false))
        return try api.decode(OVHOrder.self, response, doing: "checking out the cart").orderId
    }

    /// Whether the cart is still open (never checked out), gone or read-only (checked out).
    public func cartIsOpen(_ cartId: String) async throws -> Bool {
        let response = try await api.send(.get, Self.cartPath(cartId))
        if response.status == 404 { return false }
        return !(try api.decode(OVHCartState.self, response, doing: "reading the cart")).readOnly
    }

    public func deleteCart(_ cartId: String) async {
        _ = try? await api.send(.delete, Self.cartPath(cartId))
    }

    /// `checking`, `notPaid`, `delivering`, `delivered`, `cancelling`, `cancelled`, `documentsRequested`…
    public func orderStatus(_ orderId: Int) async throws -> String {
        try api.decode(String.self, try await api.send(.get, "/me/order/\(orderId)/status"), doing: "reading order \(orderId)'s status")
    }

    /// The orders of the account that hold `domain`, newest first: an answer lost after the
    /// checkout leaves them to find the purchase by.
    public func orders(for domain: String) async throws -> [Int] {
        let ids = try api.decode([Int].self, try await api.send(.get, "/me/order"), doing: "listing the account's orders")
        var found: [Int] = []
        for id in ids.sorted(by: >).prefix(50) {
            let details = try api.decode([OVHOrderDetail].self, try await api.send(.get, "/me/order/\(id)/details"), doing: "reading order \(id)")
            if details.contains(where: { $0.domain.lowercased() == domain.lowercased() }) { found.append(id) }
        }
        return found
    }

    /// The domains the account holds (`GET /domain`).
    public func domains() async throws -> [String] {
        try api.decode([String].self, try await api.send(.get, "/domain"), doing: "listing the account's domains")
    }

    static func cartPath(_ cartId: String) -> String { "/order/cart/" + URLComponentEncoding.encode(cartId) }
}

/// A cart ready for checkout and its price with tax.
public struct OVHPreparedCart: Sendable, Equatable {
    public var cartId: String
    public var amount: Double
    public var currency: String
}

struct OVHCartDomainItem: Encodable, Sendable {
    var domain: String
    var duration: String
    var quantity: Int
}

struct OVHCartItem: Decodable {
    var itemId: Int
}

struct OVHCartState: Decodable {
    var readOnly: Bool
}

struct OVHCheckout: Encodable, Sendable {
    var autoPayWithPreferredPaymentMethod: Bool
    var waiveRetractationPeriod: Bool
}

/// `GET /order/cart/{cartId}/checkout`: the order it would make, without making it.
struct OVHCartSummary: Decodable {
    struct Prices: Decodable {
        struct Amount: Decodable {
            var currencyCode: String
            var value: Double
        }
        var withTax: Amount
    }
    var prices: Prices
}

struct OVHOrder: Decodable {
    var orderId: Int
}

struct OVHOrderDetail: Decodable {
    var domain: String
}
