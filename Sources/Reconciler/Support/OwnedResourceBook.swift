/// Where a driver notes what it created beside the world itself, by system and address, with the
/// environment it was made for (the state store's owned resources). A system reads it back to
/// know where to look: DNS observes the zones it wrote to even once no domain in git names them,
/// so that what it owns there can still be found and removed.
public protocol OwnedResourceBook: Sendable {
    /// Address → owning environment, for one system.
    func ownedResources(of system: String) throws -> [String: String]
    func recordOwnedResource(system: String, address: String, owner: String) throws
}
