import GitSource
import XCTest

/// Runs `body`, which must throw a `GitSourceError`, and returns it for closer inspection.
func expectGitSourceError<T>(
    _ body: () throws -> T,
    file: StaticString = #filePath,
    line: UInt = #line
) -> GitSourceError? {
    do {
        let value = try body()
        XCTFail("expected a GitSourceError, got \(value)", file: file, line: line)
        return nil
    } catch let error as GitSourceError {
        return error
    } catch {
        XCTFail("expected a GitSourceError, got \(type(of: error)): \(error)", file: file, line: line)
        return nil
    }
}

/// Every way a CLI or a log could render the error.
func renderings(of error: GitSourceError) -> [String] {
    var dumped = ""
    dump(error, to: &dumped)
    return [error.description, "\(error)", String(reflecting: error), error.localizedDescription, dumped]
}
