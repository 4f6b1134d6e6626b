/// Picks the article's text blocks from a parsed page, by the evidence of the text itself.
///
/// 1. Each block gets a paragraph score from its length, link density and punctuation (`score`).
/// 2. Each element is a candidate: the scores of the paragraphs it holds directly, half of those one level
///    down, a quarter two levels down, times the weight of the markup around it (`MarkupEvidence`). The
///    best candidate is the article's core.
/// 3. The core grows by one level when it holds at least `climbShare` of its parent's weighted text: an
///    article split over sibling sections, or a lead set apart from the rest, stays whole. Paragraphs from
///    that wider element are kept; its short lines are not.
///    An ancestor up to three levels higher that scores at least half the core's own score widens it again;
///    from there (and from other parts of the same template) only full paragraphs join.
/// 4. Parts marked as furniture (nav, aside, share, related, comments, hidden…) are dropped unless they
///    hold the core, so a wrapper around the whole article never loses it; link lists are dropped.
///    A paragraph that repeats one already kept, word for word, is a second copy of the article: dropped.
/// 5. When that keeps no paragraph, less selective passes keep the page's paragraphs, then any text.
struct ContentSelection {
    /// Weighted share of its parent's text the core needs for the parent to join.
    static let climbShare: Float = 0.5
    /// Shortest block (non-space code points) that counts as a paragraph.
    static let minParagraphChars: Int32 = 25
    /// Score share (of the core's) an element from the core's template needs to join as another part.
    static let partShare: Float = 0.2
    /// Score share (of the core's) that makes an ancestor up to three levels above the chosen element a strong
    /// candidate of its own: the article continues there (an intro above a quoted press release or box).
    static let strongAncestorShare: Float = 0.5
    /// Least paragraph score of a block that joins from a strong ancestor or another part.
    static let farParagraphScore: Float = 80
    /// Siblings from one template outside the core that make a teaser list.
    static let teaserRun = 3
    /// Share of a paragraph's score given to each further ancestor as a candidate.
    static let ancestorShare: Float = 0.5

    /// What was selected: block indices in page order, the chosen element, and whether a fallback was used.
    struct Result {
        var blocks: [Int]
        var container: Int
        var fallback: Bool
        /// The best candidates, best first, with their weighted scores (only when asked for, see `select`).
        var ranking: [(node: Int, score: Float)] = []
    }

    /// Paragraph score of one block (0 for headings, short lines and link lists).
    @inline(__always) static func score(_ b: TextBlock) -> Float {
        guard b.chars >= minParagraphChars, !b.tag.has(HTMLTag.isHeading) else { return 0 }
        let linkDensity = Float(b.linkChars) / Float(b.chars)
        guard linkDensity <= 0.5 else { return 0 }
        var s = Float(b.chars) * (1 - linkDensity)
        if b.stops == 0 && b.commas == 0 { s *= 0.3 }
        return s
    }

    /// Whether a block is a link list or navigation line rather than text.
    @inline(__always) static func isLinkText(_ b: TextBlock) -> Bool {
        let density = Float(b.linkChars) / Float(max(1, b.chars))
        return density > 0.8 || (density > 0.5 && (b.tag == .li || b.chars < 200))
    }

    /// Selects the article's blocks; `ranking` > 0 also returns that many best candidates (for explanations).
    static func select(_ page: PageParser, ranking: Int = 0) -> Result {
        let nodes = page.nodes
        let blocks = page.blocks
        let n = nodes.count
        var weighted = [Float](repeating: 0, count: n)
        var candidate = [Float](repeating: 0, count: n)
        var blockScores = [Float](repeating: 0, count: blocks.count)
        for (i, b) in blocks.enumerated() {
            let s = score(b)
            blockScores[i] = s
            guard s > 0 else { continue }
            weighted[Int(b.node)] += s * nodes[Int(b.node)].weight
            // The paragraph's own element (p, li, td, …) is not a candidate; its parent is.
            var e = Int(b.node)
            var steps = 0
            while e > 0, !nodes[e].tag.has(HTMLTag.isBlock), steps < 8 { e = Int(nodes[e].parent); steps += 1 }
            if e > 0, nodes[e].tag.has(HTMLTag.isParagraph) { e = Int(nodes[e].parent) }
            var share: Float = 1
            for _ in 0..<3 {
                candidate[e] += s * share
                if e == 0 { break }
                e = Int(nodes[e].parent)
                share *= ancestorShare
            }
        }
        var k = n - 1
        while k >= 1 {
            weighted[Int(nodes[k].parent)] += weighted[k]
            k -= 1
        }
        guard page.isPage, weighted[0] > 0 else { return everything(page, blockScores) }

        // 2. The core.
        var top = 0
        var topScore: Float = 0
        for k in 1..<n where candidate[k] > 0 {
            let c = candidate[k] * nodes[k].weight
            if c > topScore { topScore = c; top = k }
        }
        // 3. One level up when the core holds most of its parent's text.
        var container = top
        if top > 0 {
            let parent = Int(nodes[top].parent)
            if parent > 0, weighted[top] >= climbShare * weighted[parent] { container = parent }
        }
        let near = container
        // An ancestor a few levels up that is itself a strong candidate holds more of the same article.
        do {
            var a = Int(nodes[container].parent), steps = 0
            while a > 0, steps < 3 {
                if candidate[a] * nodes[a].weight >= strongAncestorShare * topScore { container = a }
                a = Int(nodes[a].parent)
                steps += 1
            }
        }

        // 4. Furniture, unless it holds the core.
        var holdsTop = [Bool](repeating: false, count: n)
        var e = top, steps = 0
        while e > 0, steps < PageParser.maxDepth { holdsTop[e] = true; e = Int(nodes[e].parent); steps += 1 }
        var inside = [Bool](repeating: false, count: n)
        var cut = [Bool](repeating: false, count: n)
        var underTop = [Bool](repeating: false, count: n)
        var underNear = [Bool](repeating: false, count: n)
        inside[container] = true
        underTop[top] = true
        underNear[near] = true
        // 3b. Other parts of the same article: elements made from the core's template (same tag and class)
        // holding a good share of its score, outside the chosen element (a lead in its own `<article>`,
        // a story continued after an inset).
        var first = container
        if top > 0 {
            for k in 1..<n where candidate[k] * nodes[k].weight >= partShare * topScore && nodes[k].markup == nodes[top].markup
                && nodes[k].tag == nodes[top].tag && !holdsTop[k] && !nodes[k].hidden && !isInside(k, container, nodes) {
                inside[k] = true
                underTop[k] = true
                first = min(first, k)
            }
        }
        if first + 1 < n {
            for k in (first + 1)..<n {
                let p = Int(nodes[k].parent)
                guard inside[p] || inside[k] else { continue }
                if !inside[k] { underTop[k] = k == top || underTop[p] }
                underNear[k] = underNear[k] || underNear[p]
                inside[k] = true
                cut[k] = cut[p] || (nodes[k].own < 0.9 && !holdsTop[k])
            }
        }
        cutTeaserLists(nodes, from: first, inside: inside, underTop: underTop, cut: &cut)
        var chosen: [Int] = []
        var chosenScore: Float = 0
        var paragraphsSeen = Set<UInt64>()
        for (i, b) in blocks.enumerated() {
            let node = Int(b.node)
            guard inside[node], !cut[node], b.tag != .h1, !isLinkText(b) else { continue }
            // A paragraph repeated word for word is a second copy of the article (a print or mobile version).
            if blockScores[i] > 0, !paragraphsSeen.insert(page.textHash(b)).inserted { continue }
            // Further out, from a strong ancestor, only full paragraphs.
            if !underNear[node], blockScores[i] < farParagraphScore || b.stops == 0 { continue }
            // Outside the core only paragraphs and headings join.
            if !underTop[node], blockScores[i] == 0, !b.tag.has(HTMLTag.isHeading) { continue }
            // Short author lines go to the byline, not the text.
            if b.chars <= PageParser.longestAuthorLine, page.isAuthorLine(b) { continue }
            chosen.append(i)
            chosenScore += blockScores[i]
        }
        guard chosenScore > 0 else { return everything(page, blockScores) }
        var result = Result(blocks: chosen, container: container, fallback: false)
        if ranking > 0 {
            result.ranking = (1..<n).filter { candidate[$0] > 0 }.map { (node: $0, score: candidate[$0] * nodes[$0].weight) }
                .sorted { $0.score > $1.score }.prefix(ranking).map { $0 }
        }
        return result
    }

    /// Whether `k` lies inside element `outer`.
    static func isInside(_ k: Int, _ outer: Int, _ nodes: [PageNode]) -> Bool {
        var a = Int(nodes[k].parent), steps = 0
        while a > 0, steps < PageParser.maxDepth {
            if a == outer { return true }
            a = Int(nodes[a].parent)
            steps += 1
        }
        return false
    }

    /// Teaser lists: three or more siblings from one template (same tag and class) outside the core are cut,
    /// with everything inside them.
    static func cutTeaserLists(_ nodes: [PageNode], from first: Int, inside: [Bool], underTop: [Bool], cut: inout [Bool]) {
        func template(_ k: Int) -> UInt64 { nodes[k].markup &+ UInt64(nodes[k].parent) &* 0x9E37_79B9_7F4A_7C15 }
        var siblingsAlike: [UInt64: Int] = [:]
        for k in first..<nodes.count where inside[k] && !underTop[k] && !cut[k] && nodes[k].markup != 0 {
            siblingsAlike[template(k), default: 0] += 1
        }
        guard !siblingsAlike.isEmpty else { return }
        for k in first..<nodes.count where inside[k] && !underTop[k] {
            let parent = Int(nodes[k].parent)
            if (nodes[k].markup != 0 && siblingsAlike[template(k), default: 0] >= teaserRun) || (cut[parent] && inside[parent]) {
                cut[k] = true
            }
        }
    }

    /// The least selective passes: every visible paragraph (whole pages); else every visible block that is
    /// not a link list; else every block.
    static func everything(_ page: PageParser, _ scores: [Float]) -> Result {
        let nodes = page.nodes
        let blocks = page.blocks
        var chosen: [Int] = []
        if page.isPage { chosen = blocks.indices.filter { scores[$0] > 0 && !nodes[Int(blocks[$0].node)].hidden } }
        if chosen.isEmpty {
            chosen = blocks.indices.filter { blocks[$0].tag != .h1 && !nodes[Int(blocks[$0].node)].hidden && !isLinkText(blocks[$0]) }
        }
        if chosen.isEmpty { chosen = blocks.indices.filter { blocks[$0].tag != .h1 } }
        return Result(blocks: chosen, container: 0, fallback: true)
    }
}
