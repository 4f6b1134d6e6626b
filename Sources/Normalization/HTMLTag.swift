/// The HTML elements the extractor tells apart; every other name is `.other`.
enum HTMLTag: UInt8, CaseIterable, Sendable {
    case other
    case html, head, body, title, meta, link, base
    case script, style, noscript, template, svg, math, iframe, textarea, xmp, noembed, noframes
    case p, div, section, article, main, header, footer, aside, nav, menu
    case h1, h2, h3, h4, h5, h6, hgroup
    case ul, ol, li, dl, dt, dd
    case table, thead, tbody, tfoot, tr, td, th, caption
    case blockquote, pre, address, center, details, summary, fieldset, legend
    case figure, figcaption, form, br, hr, a, time, span
    case button, select, option, label, input, object, embed, canvas, audio, video, picture, map, dialog
    case area, col, img, param, source, track, wbr, keygen
    case ampAd, ampEmbed, ampSidebar, ampSocialShare, ampAnalytics, ampStickyAd, ampConsent, ampIframe, ampVideo

    /// The element's name as written in HTML.
    var name: String {
        switch self {
        case .ampAd: return "amp-ad"
        case .ampEmbed: return "amp-embed"
        case .ampSidebar: return "amp-sidebar"
        case .ampSocialShare: return "amp-social-share"
        case .ampAnalytics: return "amp-analytics"
        case .ampStickyAd: return "amp-sticky-ad"
        case .ampConsent: return "amp-consent"
        case .ampIframe: return "amp-iframe"
        case .ampVideo: return "amp-video"
        default: return String(describing: self)
        }
    }

    /// Name hash (FNV-1a of the lower-cased name) → tag.
    static let byHash: [UInt64: HTMLTag] = {
        var map: [UInt64: HTMLTag] = [:]
        for tag in HTMLTag.allCases where tag != .other { map[ByteHash.fnv(Array(tag.name.utf8))] = tag }
        return map
    }()

    /// Per-tag property bits, indexed by raw value.
    static let properties: [UInt16] = HTMLTag.allCases.map { $0.computeProperties() }

    static let isBlock: UInt16 = 1
    static let isVoid: UInt16 = 2
    /// Content is raw text up to the matching end tag (script, style, title, …).
    static let isRawText: UInt16 = 4
    /// Text inside is never page text (form controls, media, `<head>`).
    static let isHidden: UInt16 = 8
    /// Page furniture by its element (nav, aside, footer, menu, ads): weak evidence against the text inside.
    static let isFurniture: UInt16 = 16
    static let isHeading: UInt16 = 32
    /// An element whose text blocks count as paragraphs of an article (p, li, td, blockquote, …).
    static let isParagraphLike: UInt16 = 64
    /// A paragraph's own element (p, li, td, heading, …), whose parent holds the article.
    static let isParagraph: UInt16 = 128

    @inline(__always) func has(_ bit: UInt16) -> Bool { HTMLTag.properties[Int(rawValue)] & bit != 0 }

    private func computeProperties() -> UInt16 {
        var bits: UInt16 = 0
        switch self {
        case .p, .div, .section, .article, .main, .header, .footer, .aside, .nav, .menu, .h1, .h2, .h3, .h4, .h5, .h6, .hgroup,
             .ul, .ol, .li, .dl, .dt, .dd, .table, .thead, .tbody, .tfoot, .tr, .td, .th, .caption, .blockquote, .pre, .address,
             .center, .details, .summary, .fieldset, .legend, .figure, .figcaption, .form, .hr, .body, .html, .title, .option, .dialog:
            bits |= HTMLTag.isBlock
        default: break
        }
        switch self {
        case .area, .base, .br, .col, .embed, .hr, .img, .input, .link, .meta, .param, .source, .track, .wbr, .keygen:
            bits |= HTMLTag.isVoid
        default: break
        }
        switch self {
        case .script, .style, .textarea, .title, .xmp, .iframe, .noembed, .noframes, .noscript, .template, .svg, .math:
            bits |= HTMLTag.isRawText
        default: break
        }
        switch self {
        case .head, .button, .select, .option, .label, .input, .object, .embed, .canvas, .audio, .video, .picture, .map,
             .ampAd, .ampEmbed, .ampSidebar, .ampSocialShare, .ampAnalytics, .ampStickyAd, .ampConsent, .ampIframe, .ampVideo:
            bits |= HTMLTag.isHidden
        default: break
        }
        switch self {
        case .nav, .aside, .footer, .menu, .dialog, .figure, .figcaption: bits |= HTMLTag.isFurniture
        default: break
        }
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: bits |= HTMLTag.isHeading
        default: break
        }
        switch self {
        case .p, .div, .section, .article, .main, .li, .dd, .dt, .td, .th, .blockquote, .pre, .body, .center, .address, .figcaption, .caption, .form, .other, .span:
            bits |= HTMLTag.isParagraphLike
        default: break
        }
        switch self {
        case .p, .li, .dd, .dt, .td, .th, .blockquote, .pre, .h1, .h2, .h3, .h4, .h5, .h6, .figcaption, .caption, .address:
            bits |= HTMLTag.isParagraph
        default: break
        }
        return bits
    }
}

/// FNV-1a hashing of ASCII-lower-cased bytes (tag and attribute names, class words).
enum ByteHash {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b | 0x20 : b }

    static func fnv(_ bytes: [UInt8]) -> UInt64 {
        var h = offset
        for b in bytes { h = (h ^ UInt64(lower(b))) &* prime }
        return h
    }

    @inline(__always) static func fnv(_ buf: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> UInt64 {
        var h = offset
        var k = from
        while k < to { h = (h ^ UInt64(lower(buf[k]))) &* prime; k += 1 }
        return h
    }
}
