import Foundation
import Testing

@testable import TeleradarApp

/// QR codes through libqrencode: sizes, finder patterns, and the same matrix as the `qrencode` command line.
@Suite("QR code (libqrencode)")
struct QRCodeTests {
    static let texts = [
        "tg://login?token=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8",
        "tg://login?token=AQID-first", "HELLO 123", "https://example.com/ü?a=1&b=<2>",
    ]

    @Test("size is 17 + 4 × version with the three finder patterns", arguments: texts)
    func structure(text: String) throws {
        let code = try QRCode(encoding: text)
        #expect((1...10).contains(code.version))
        #expect(code.size == 17 + 4 * code.version)
        #expect(code.modules.count == code.size * code.size)
        for (x0, y0) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
            for y in 0..<7 {
                for x in 0..<7 {
                    let ring = max(abs(x - 3), abs(y - 3))
                    #expect(code[x0 + x, y0 + y] == (ring != 2), "finder at (\(x0), \(y0)) module (\(x), \(y))")
                }
            }
        }
        // Timing pattern between the top finders alternates.
        for x in 8..<(code.size - 8) { #expect(code[x, 6] == (x % 2 == 0)) }
    }

    @Test("the module matrix equals the qrencode command line's at level M", arguments: texts)
    func matchesCommandLine(text: String) throws {
        let tool = "/usr/bin/qrencode"
        try #require(
            FileManager.default.isExecutableFile(atPath: tool), "qrencode is installed by scripts/setup.sh for tests")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-l", "M", "-m", "0", "-t", "ASCII", "-o", "-", text]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let rows = String(decoding: data, as: UTF8.self).split(separator: "\n").map { row in
            stride(from: 0, to: row.count, by: 2).map { row[row.index(row.startIndex, offsetBy: $0)] == "#" }
        }
        let code = try QRCode(encoding: text)
        #expect(rows.count == code.size)
        #expect(rows.flatMap { $0 } == code.modules)
    }

    @Test("the SVG draws every dark module inside a quiet zone")
    func svg() throws {
        let code = try QRCode(encoding: "tg://login?token=AQID-first")
        let svg = code.svg()
        #expect(
            svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\"")
        )
        #expect(svg.components(separatedBy: "h1v1h-1z").count - 1 == code.modules.filter { $0 }.count)
        #expect(svg.contains("M4 4h1v1h-1z"))
        #expect(!svg.contains("<script"))
    }
}
