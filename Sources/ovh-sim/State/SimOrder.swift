/// A domain put in a cart (`POST /order/cart/{cartId}/domain`).
struct SimCartItem: Sendable, Encodable {
    var itemId: Int
    var cartId: String
    var domain: String
    var duration: String
    var offerId: String
    var price: Double
}

/// An order made by a checkout: the domains it buys, and how many status reads are left before
/// it is delivered (the domain then held by the account, its zone created).
struct SimOrder: Sendable, Encodable {
    var orderId: Int
    var cartId: String
    var domains: [String]
    var amount: Double
    var currency: String
    var pollsBeforeDelivery: Int
    var status: String
}

/// Faults of the order flow, set through `/sim/orders/…`.
struct SimOrderFaults: Sendable {
    /// The next checkouts take the order, then answer 500 instead of it (the answer lost after
    /// the purchase): a client must find the order, not buy again.
    var loseNextCheckoutAnswers = 0
    /// Status reads before an order is delivered (`checking` until then).
    var pollsBeforeDelivery = 1
    /// Orders end `cancelled` instead of delivered (a refused payment).
    var cancelOrders = false
}
