/// Upper bounds on the numbers a manifest may hold.
///
/// Not Juju's limits (it has none this low) but the platform's: a slip of a few zeros, or 2^63-1
/// pasted by a tool, would otherwise be valid and planned as thousands of machines. Each bound is
/// far above what any offer sells; raising one is a one-line change here and in the README's
/// manifest reference.
public enum Bounds {
    /// Units of one application (`units`, `num_units`, `scale`).
    public static let units = 1_000
    /// Machines of one machine group (`machines[].count`).
    public static let machineCount = 1_000
    /// A charm revision: Charmhub's busiest charms are in the low thousands.
    public static let revision = 1_000_000
    /// A DNS record's TTL in seconds: below 30 s resolvers hammer the servers and some providers
    /// refuse it; above a day a wrong record lingers for days.
    public static let dnsTTL = 30...86_400
    /// The DNS owner id's length: it is written into every ownership TXT record.
    public static let dnsOwnerIdLength = 64
}

extension Field {
    /// Reports a number above its bound; true when it is within it.
    func within(_ value: Located<Int>, max bound: Int, what: String) -> Bool {
        guard value.value > bound else { return true }
        error("expected \(what) of at most \(bound), got \(value.value)")
        return false
    }
}

extension Field {
    /// A TTL within ``Bounds/dnsTTL``, or nil (reported) when it is not one.
    func dnsTTL() -> Located<Int>? {
        guard let value = int() else { return nil }
        guard Bounds.dnsTTL.contains(value.value) else {
            error("expected a TTL of \(Bounds.dnsTTL.lowerBound) to \(Bounds.dnsTTL.upperBound) seconds, got \(value.value)")
            return nil
        }
        return value
    }
}
