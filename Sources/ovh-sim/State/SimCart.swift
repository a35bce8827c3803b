/// An order cart (`POST /order/cart`): its subsidiary, the domains put in it, whether it was
/// assigned to the account, and once checked out its order (the cart is then read-only).
struct SimCart: Sendable {
    var id: String
    var subsidiary: String
    var items: [SimCartItem] = []
    var assigned = false
    var orderId: Int?

    var readOnly: Bool { orderId != nil }
}

/// What the simulated registrar sells: a yearly price before tax per TLD, in the subsidiary's
/// currency, and the names already taken (besides the zones the simulator hosts).
struct SimRegistry: Sendable {
    var prices: [String: Double] = ["fr": 6.99, "com": 10.49, "net": 13.99, "eu": 7.99]
    var taken: Set<String> = []

    static func currency(of subsidiary: String) -> String {
        switch subsidiary.uppercased() {
        case "GB": "GBP"
        case "CA", "QC": "CAD"
        case "US", "WS": "USD"
        default: "EUR"
        }
    }

    /// VAT as OVH adds it to a cart's TOTAL for the subsidiary (France's 20 % unless known otherwise).
    static func taxRate(of subsidiary: String) -> Double {
        switch subsidiary.uppercased() {
        case "CA", "QC", "US", "WS": 0
        default: 0.2
        }
    }
}
