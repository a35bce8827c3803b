/// Juju constraints as Juju reports them back: sizes in megabytes (`mem=8G` becomes
/// `mem=8192M`), keys in any order, with keys Juju adds itself (`arch=amd64`).
public struct ConstraintSet: Equatable {
    public var values: [String: String]

    public init(_ text: String?) {
        var values: [String: String] = [:]
        for pair in (text ?? "").split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            values[parts[0]] = ["mem", "root-disk"].contains(parts[0]) ? Self.megabytes(parts[1]) : parts[1]
        }
        self.values = values
    }

    /// Every constraint asked for is there with the same value; extra ones Juju added do not matter.
    public func isSatisfied(by observed: ConstraintSet) -> Bool {
        values.allSatisfy { observed.values[$0.key] == $0.value }
    }

    /// `8G` → `8192M`, `512M` → `512M`, `2048` → `2048M`; other text unchanged.
    public static func megabytes(_ size: String) -> String {
        var number = Substring(size)
        var multiplier = 1.0
        // A switch, not a dictionary literal: this runs for every machine the planner compares.
        let factor: Double? = switch number.last {
        case "M": 1
        case "G": 1024
        case "T": 1024 * 1024
        case "P": 1024 * 1024 * 1024
        default: nil
        }
        if let factor { multiplier = factor; number = number.dropLast() }
        guard let value = Double(number) else { return size }
        return "\(Int((value * multiplier).rounded()))M"
    }
}
