/// Where a driver notes what it created beside the world itself, by system and address, with the
/// environment it was made for (the state store's owned resources). A system reads it back to
/// know where to look: DNS observes the zones it wrote to even once no domain in git names them,
/// so that what it owns there can still be found and removed.
public protocol OwnedResourceBook: Sendable {
    /// Address → owning environment, for one system.
    func ownedResources(of system: String) throws -> [String: String]
    func recordOwnedResource(system: String, address: String, owner: String) throws
}

/// A book that also keeps, per resource, a reference to what was done (`applied`): the stage and
/// operation id of a domain registration, so that an interrupted purchase is resumed, never
/// repeated. Only a book that persists it may be used to buy anything.
public protocol OwnedResourceReferenceBook: OwnedResourceBook {
    /// Address → reference, for one system's resources that have one.
    func ownedResourceReferences(of system: String) throws -> [String: String]
    func recordOwnedResource(system: String, address: String, owner: String, applied: String) throws
}

