import Foundation

/// `export-bundle`: the model as a bundle, on stdout or into `--filename`.
enum ExportBundleCommand {
    static func run(_ context: inout CommandContext) throws {
        try context.arguments.expectAtMost(0)
        let (model, _) = try context.readModel()
        // Juju's bundle facade refuses an empty model.
        if model.applications.isEmpty { throw SimError.failure("nothing to export as there are no applications") }
        let text = try YAMLWriter.text(BundleExporter(model: model).export())
        if let path = context.arguments.value("filename") {
            guard SnapConfinement(settings: context.settings).canRead(path) else {
                throw SimError.failure("open \(path): no such file or directory")
            }
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) } catch {
                throw SimError.failure("cannot write \(path): \(error.localizedDescription)")
            }
            context.output.info("Bundle successfully exported to \(path)")
        } else {
            context.output.stdout += text
        }
    }
}
