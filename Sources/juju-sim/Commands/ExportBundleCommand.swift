import Foundation

/// `export-bundle`: the model as a bundle, on stdout or into `--filename`.
enum ExportBundleCommand {
    static func run(_ context: inout CommandContext) throws {
        try context.arguments.expectAtMost(0)
        let (model, _) = try context.readModel()
        let text = try YAMLWriter.text(BundleExporter(model: model).export())
        if let path = context.arguments.value("filename") {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) } catch {
                throw SimError.failure("cannot write \(path): \(error.localizedDescription)")
            }
            context.output.info("Bundle successfully exported to \(path)")
        } else {
            context.output.stdout += text
        }
    }
}
