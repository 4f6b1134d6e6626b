/// Why the HTML extractor chose what it chose, for people tuning it (`wirectl eval extraction --explain`).
package enum ExtractionExplanation {
    /// A report on one page: the best candidates with their scores and markup, the core's ancestry, the
    /// element the text was taken from, and the chosen blocks.
    package static func explain(_ html: String, candidates: Int = 8) -> String {
        var html = html
        return html.withUTF8 { buf -> String in
            guard !buf.isEmpty else { return "empty page" }
            var page = PageParser(buf: buf)
            page.run()
            let selection = ContentSelection.select(page, ranking: candidates)
            var lines: [String] = []
            func tag(_ k: Int) -> String {
                let node = page.nodes[k]
                let start = Int(node.source)
                var end = start
                while end < buf.count, end - start < 160, buf[end] != UInt8(ascii: ">") { end += 1 }
                let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<min(end + 1, buf.count)]), as: UTF8.self)
                return "#\(k) own \(node.own) weight \(node.weight)\(node.hidden ? " hidden" : "") \(text)"
            }
            lines.append("fallback: \(selection.fallback)  container: \(selection.container > 0 ? tag(selection.container) : "page")")
            lines.append("candidates (score × weight):")
            for (k, (node, score)) in selection.ranking.enumerated() {
                lines.append(String(format: "%2d %9.1f  ", k + 1, score) + tag(node))
            }
            if let top = selection.ranking.first?.node {
                lines.append("ancestry of the best candidate:")
                var e = top, steps = 0
                while e > 0, steps < 40 { lines.append("  " + tag(e)); e = Int(page.nodes[e].parent); steps += 1 }
            }
            lines.append("chosen blocks:")
            for i in selection.blocks {
                let b = page.blocks[i]
                let text = page.string(b)
                lines.append("  [\(b.tag.name) #\(b.node) \(ContentSelection.score(b))] " + String(text.prefix(90)))
            }
            return lines.joined(separator: "\n")
        }
    }
}
