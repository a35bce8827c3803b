/// One resource tenantctl owns, as a driver reads it back from the book.
public struct OwnedEntry: Sendable, Equatable {
    /// `<system>:<path>`, the same as in plans.
    public var address: String
    /// The environment it was made for; nil when unknown (applied in something made by hand).
    public var owner: String?
    /// A reference to what was applied (`vault:…`), never a value.
    public var applied: String?
    /// A keyed digest of the value applied, where one was recorded.
    public var digest: String?

    public init(address: String, owner: String?, applied: String? = nil, digest: String? = nil) {
        self.address = address
        self.owner = owner
        self.applied = applied
        self.digest = digest
    }
}

/// The book of owned resources as a tree of addresses, for a system whose resources nest (a Juju
/// model holds the secrets applied in it). A resource is *under* another when its address
/// continues the other's with `/`. The book knows no system: each driver keeps the meaning of
/// its own addresses (``OwnedResourceBook`` is the flat view of the same book).
public protocol OwnedResourceTree: Sendable {
    /// The entry at `address` and every entry under it (every entry of the system when nil),
    /// by address.
    func ownedEntries(system: String, under address: String?) throws -> [OwnedEntry]
    /// Records one entry or refreshes it. A nil `digest` keeps the recorded one only while
    /// `applied` is unchanged. With `owningSubtree`, the entries under it take the same owner in
    /// the same write (a model created for an environment owns what was applied in it).
    func recordOwnedEntry(system: String, address: String, owner: String?, applied: String?, digest: String?, owningSubtree: Bool) throws
    /// Forgets the entry at `address` and every entry under it, in one write.
    func forgetOwnedEntries(system: String, under address: String) throws
}

/// The journal the drivers are given: runs and changes, and the book of what they own.
public typealias OwningJournal = Journal & OwnedResourceTree
