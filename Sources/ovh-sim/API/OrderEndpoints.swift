import Foundation

/// `/order/cart…`, for the price of a domain registration: create a cart, read the domain offers
/// for a name, delete the cart. Ordering (items, checkout) is in OrderFlowEndpoints.
extension OVHServer {
    struct CartAnswer: Encodable {
        var cartId: String
        var description: String
        var expire: String
        var items: [Int]
        var readOnly: Bool
    }

    struct Amount: Encodable {
        var currencyCode: String
        var text: String
        var value: Double
    }

    struct PriceLine: Encodable {
        var label: String
        var price: Amount
    }

    /// One entry of `GET /order/cart/{cartId}/domain`.
    struct DomainOffer: Encodable {
        var action: String
        var configurations: [String]
        var deliveryTime: String
        var duration: [String]
        var offer: String
        var offerId: String
        var orderable: Bool
        var phase: String
        var prices: [PriceLine]
        var pricingMode: String
        var productId: String
        var quantityMax: Int
    }

    func order(_ request: SimRequest, _ parts: [String]) -> SimResponse {
        if let answer = orderFlow(request, parts) { return answer }
        switch (request.method, parts.count) {
        case ("POST", 2):
            guard let subsidiary = request.jsonObject()?["ovhSubsidiary"] as? String, !subsidiary.isEmpty else {
                return .badRequest("[ovhSubsidiary] Property is mandatory")
            }
            let cart = SimCart(id: UUID().uuidString.lowercased(), subsidiary: subsidiary)
            carts[cart.id] = cart
            let expire = ISO8601DateFormatter().string(from: Date().addingTimeInterval(86400))
            return .json(CartAnswer(cartId: cart.id, description: "", expire: expire, items: [], readOnly: false))
        case ("GET", 4) where parts[3] == "domain":
            guard let cart = carts[parts[2]] else { return .objectNotFound(parts[2]) }
            guard let domain = request.query["domain"]?.lowercased(), domain.contains(".") else {
                return .badRequest("[domain] Property is mandatory")
            }
            return .json(domainOffers(domain, cart: cart))
        case ("DELETE", 3):
            guard carts.removeValue(forKey: parts[2]) != nil else { return .objectNotFound(parts[2]) }
            return .null
        default:
            return .invalidURL
        }
    }

    func domainOffers(_ domain: String, cart: SimCart) -> [DomainOffer] {
        let tld = String(domain.split(separator: ".").last ?? "")
        guard let price = registry.prices[tld] else { return [] }
        let currency = SimRegistry.currency(of: cart.subsidiary)
        let total = (price * (1 + SimRegistry.taxRate(of: cart.subsidiary)) * 100).rounded() / 100
        func amount(_ value: Double) -> Amount {
            Amount(currencyCode: currency, text: String(format: "%.2f", value) + " " + currency, value: value)
        }
        let taken = registry.taken.contains(domain) || zones[domain] != nil
        return [DomainOffer(
            action: taken ? "transfer" : "create", configurations: [], deliveryTime: "", duration: ["P1Y"], offer: "gold",
            offerId: "\(tld)-\(taken ? "transfer" : "create")-default", orderable: true, phase: "ga",
            prices: [PriceLine(label: "PRICE", price: amount(price)), PriceLine(label: "TOTAL", price: amount(total))],
            pricingMode: taken ? "transfer-default" : "create-default", productId: "domain", quantityMax: 1)]
    }
}
