import Foundation

/// Buying a domain, as OVH's API v1 does it:
///
///     GET    /order/cart/{cartId}                  the cart (readOnly once checked out)
///     POST   /order/cart/{cartId}/domain           {"domain","duration"?,"offerId"?,"quantity"?}: an item
///     POST   /order/cart/{cartId}/assign           the cart is the account's
///     GET    /order/cart/{cartId}/checkout         the order it would make (prices), nothing bought
///     POST   /order/cart/{cartId}/checkout         {"autoPayWithPreferredPaymentMethod","waiveRetractationPeriod"}: the order
///     GET    /me/order                             order ids
///     GET    /me/order/{orderId}                   the order
///     GET    /me/order/{orderId}/status            checking… then delivered (or cancelled)
///     GET    /me/order/{orderId}/details           [{"domain",…}] (OVH answers detail ids; flattened here)
///     GET    /domain                               the domains the account holds
///
/// A checkout of a cart already checked out is refused: a cart makes one order at most.
extension OVHServer {
    struct OrderPrices: Encodable {
        var tax: Amount
        var withTax: Amount
        var withoutTax: Amount
    }

    struct OrderAnswer: Encodable {
        var orderId: Int?
        var url: String?
        var prices: OrderPrices
        var contracts: [String]
        var details: [OrderDetail]
    }

    struct OrderDetail: Encodable {
        var domain: String
        var description: String
        var quantity: String
    }

    struct CartState: Encodable {
        var cartId: String
        var description: String
        var expire: String
        var items: [Int]
        var readOnly: Bool
    }

    func orderFlow(_ request: SimRequest, _ parts: [String]) -> SimResponse? {
        guard parts.count >= 3 else { return nil }
        let cartId = parts[2]
        switch (request.method, parts.count, parts.count > 3 ? parts[3] : "") {
        case ("GET", 3, _):
            guard let cart = carts[cartId] else { return .objectNotFound(cartId) }
            return .json(CartState(cartId: cart.id, description: "", expire: "", items: cart.items.map(\.itemId), readOnly: cart.readOnly))
        case ("POST", 4, "domain"):
            return addDomain(request, cartId)
        case ("POST", 4, "assign"):
            guard carts[cartId] != nil else { return .objectNotFound(cartId) }
            carts[cartId]?.assigned = true
            return .null
        case ("GET", 4, "checkout"):
            guard let cart = carts[cartId] else { return .objectNotFound(cartId) }
            return .json(summary(of: cart, orderId: nil))
        case ("POST", 4, "checkout"):
            return checkout(request, cartId)
        default:
            return nil
        }
    }

    private func addDomain(_ request: SimRequest, _ cartId: String) -> SimResponse {
        guard let cart = carts[cartId] else { return .objectNotFound(cartId) }
        guard !cart.readOnly else { return .client(403, "Client::Forbidden", "This cart is read-only") }
        let body = request.jsonObject() ?? [:]
        guard let domain = (body["domain"] as? String)?.lowercased(), domain.contains(".") else { return .badRequest("[domain] Property is mandatory") }
        let duration = body["duration"] as? String ?? "P1Y"
        guard let offer = domainOffers(domain, cart: cart).first, offer.action == "create" else {
            return .badRequest("Domain \(domain) is not available for registration")
        }
        let years = Int(duration.dropFirst().dropLast()) ?? 1
        let yearly = offer.prices.first { $0.label == "PRICE" }?.price.value ?? 0
        let item = SimCartItem(itemId: nextID(), cartId: cartId, domain: domain, duration: duration, offerId: offer.offerId,
                               price: yearly * Double(years))
        carts[cartId]?.items.append(item)
        return .json(item)
    }

    private func checkout(_ request: SimRequest, _ cartId: String) -> SimResponse {
        guard let cart = carts[cartId] else { return .objectNotFound(cartId) }
        guard cart.orderId == nil else { return .client(403, "Client::Forbidden", "This cart has already been checked out") }
        guard cart.assigned else { return .client(403, "Client::Forbidden", "The cart must be assigned before the checkout") }
        guard !cart.items.isEmpty else { return .badRequest("The cart is empty") }
        let body = request.jsonObject() ?? [:]
        guard body["autoPayWithPreferredPaymentMethod"] is Bool, body["waiveRetractationPeriod"] is Bool else {
            return .badRequest("[autoPayWithPreferredPaymentMethod] and [waiveRetractationPeriod] are mandatory")
        }
        let id = nextID()
        carts[cartId]?.orderId = id
        let answer = summary(of: carts[cartId]!, orderId: id)
        orders[id] = SimOrder(orderId: id, cartId: cartId, domains: cart.items.map(\.domain), amount: answer.prices.withTax.value,
                              currency: answer.prices.withTax.currencyCode, pollsBeforeDelivery: orderFaults.pollsBeforeDelivery, status: "checking")
        if orderFaults.loseNextCheckoutAnswers > 0 {
            orderFaults.loseNextCheckoutAnswers -= 1
            return .client(500, "Server::InternalServerError", "Internal server error (injected by ovh-sim after taking the order)")
        }
        return .json(answer)
    }

    private func summary(of cart: SimCart, orderId: Int?) -> OrderAnswer {
        let currency = SimRegistry.currency(of: cart.subsidiary)
        let net = cart.items.reduce(0) { $0 + $1.price }
        let tax = (net * SimRegistry.taxRate(of: cart.subsidiary) * 100).rounded() / 100
        func amount(_ value: Double) -> Amount { Amount(currencyCode: currency, text: String(format: "%.2f", value) + " " + currency, value: value) }
        return OrderAnswer(orderId: orderId, url: orderId.map { "https://www.ovh.com/cgi-bin/order/displayOrder.cgi?orderId=\($0)" },
                           prices: OrderPrices(tax: amount(tax), withTax: amount(((net + tax) * 100).rounded() / 100), withoutTax: amount(net)),
                           contracts: [],
                           details: cart.items.map { OrderDetail(domain: $0.domain, description: "\($0.domain) registration \($0.duration)", quantity: "1") })
    }

    func accountOrders(_ request: SimRequest, _ parts: [String]) -> SimResponse? {
        if parts == ["domain"] {
            return request.method == "GET" ? .json(ownedDomains.sorted()) : .methodNotAllowed
        }
        guard parts.count >= 2, parts[0] == "me", parts[1] == "order", request.method == "GET" else { return nil }
        if parts.count == 2 { return .json(orders.keys.sorted()) }
        guard let id = Int(parts[2]), let order = orders[id] else { return .objectNotFound(parts[2]) }
        switch parts.count > 3 ? parts[3] : "" {
        case "":
            return .json(order)
        case "status":
            return .json(advance(id))
        case "details":
            return .json(order.domains.map { OrderDetail(domain: $0, description: "\($0) registration", quantity: "1") })
        default:
            return .invalidURL
        }
    }

    /// One status read: `checking` until the order's reads run out, then delivered (the domain
    /// held, its zone made) or cancelled.
    private func advance(_ id: Int) -> String {
        guard var order = orders[id] else { return "unknown" }
        if order.status == "checking" {
            if order.pollsBeforeDelivery > 0 {
                order.pollsBeforeDelivery -= 1
            } else if orderFaults.cancelOrders {
                order.status = "cancelled"
            } else {
                order.status = "delivered"
                for domain in order.domains {
                    ownedDomains.insert(domain)
                    if zones[domain] == nil { zones[domain] = SimZone(name: domain) }
                }
            }
        }
        orders[id] = order
        return order.status
    }

    /// `GET /sim/orders`, `POST /sim/orders/fault` {"loseCheckoutAnswers": 1, "cancel": false},
    /// `POST /sim/orders/deliver-after` {"polls": 2}.
    func orderAdmin(_ method: String, _ route: [String], _ body: [String: Any]) -> SimResponse? {
        switch (method, route.joined(separator: "/")) {
        case ("GET", "orders"):
            return .json(orders.values.sorted { $0.orderId < $1.orderId })
        case ("POST", "orders/fault"):
            orderFaults.loseNextCheckoutAnswers = body["loseCheckoutAnswers"] as? Int ?? 0
            orderFaults.cancelOrders = body["cancel"] as? Bool ?? false
            return .null
        case ("POST", "orders/deliver-after"):
            guard let polls = body["polls"] as? Int, polls >= 0 else { return .badRequest("polls is required") }
            orderFaults.pollsBeforeDelivery = polls
            return .null
        default:
            return nil
        }
    }
}
