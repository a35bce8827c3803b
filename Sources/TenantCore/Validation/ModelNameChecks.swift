/// Model names Juju or Kubernetes would refuse when the model is created, caught in `validate`.
///
/// Every model is checked, whether its name is written (`model:`, `sharedModels`) or derived
/// (`<tenant>-<environment>`): a derived name is where a too-long name hides.
enum ModelNameChecks {
    /// Names Juju keeps for itself on every controller: `controller` is its management model
    /// (juju/juju#8600 refuses it even at bootstrap), `default` is the model bootstrap creates, so
    /// a tenant's model of that name would be one tenantctl did not create.
    static let reservedByJuju: Set<String> = ["controller", "default"]
    /// Namespaces Kubernetes keeps (the `kube-` prefix is reserved for its system namespaces); a
    /// model on a k8s controller is a namespace of the same name.
    static let reservedByKubernetes: Set<String> = ["default", "kube-system", "kube-public", "kube-node-lease"]

    static func check(environments: [DesiredEnvironment], manifests: ManifestSet, sink: DiagnosticSink) {
        // Tenants of a shared offer use its model, checked once through the offer's environment.
        for environment in environments where !environment.sharedModel {
            let declared = environment.tenant.flatMap { manifests.tenants[$0] }?.environments?
                .first { $0.name.value == environment.environment }
            let derived = environment.tenant != nil && declared?.model == nil
            guard let problem = problem(environment, derived: derived) else { continue }
            let located = UniquenessChecks.modelLocation(of: environment, manifests: manifests)
            sink.error("\(located.field): \(problem)", at: located.location, field: located.field)
        }
    }

    private static func problem(_ environment: DesiredEnvironment, derived: Bool) -> String? {
        let model = environment.model
        let origin = derived ? "model name '\(model)' (made of <tenant>-<environment>)" : "model name '\(model)'"
        // Written names were checked as labels where they were read, and a tenant name that is
        // not a label is reported on metadata.name; a derived name of valid parts only here.
        if derived, Names.labelProblem(environment.tenant ?? "") == nil, let problem = Names.labelProblem(model) {
            return "\(origin) \(problem); Juju makes a Kubernetes namespace of it: set a shorter 'model' for this environment"
        }
        if reservedByJuju.contains(model) {
            return "\(origin) is reserved: Juju names its own models 'controller' and 'default' on every controller; choose another"
        }
        if environment.controllerKind == .k8s {
            if reservedByKubernetes.contains(model) || model.hasPrefix("kube-") {
                return "\(origin) is a namespace Kubernetes reserves (default and kube-*); choose another"
            }
            if model == "controller-\(environment.controller)" {
                return "\(origin) is the namespace of Juju's controller '\(environment.controller)' on Kubernetes; choose another"
            }
        }
        return nil
    }
}
