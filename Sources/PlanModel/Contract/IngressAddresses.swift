import TenantCore

/// An observation that knows the address an environment's application answers on (Juju: a k8s
/// application's service address, an IaaS unit's public address). A system that points names at
/// applications (DNS) reads it without knowing which system observed it.
public protocol IngressAddresses {
    /// The address of `application` in `environment`, when it is up and has one.
    func ingressAddress(of application: String, in environment: DesiredEnvironment) -> String?
}

extension ObservedWorld {
    /// The ingress address of an application, from whichever observation knows it.
    public func ingressAddress(of application: String, in environment: DesiredEnvironment) -> String? {
        for name in systems.keys.sorted() {
            if let addresses = systems[name] as? IngressAddresses, let address = addresses.ingressAddress(of: application, in: environment) {
                return address
            }
        }
        return nil
    }
}

/// The name of the value a change returns for an application's address once it is up, which a
/// change that depends on it reads from its ``ChangeInputs``-like inputs (`address/traefik`).
public enum IngressAddressValue {
    public static func name(application: String) -> String { "address/\(application)" }
}
