import ArticleSchema
@testable import WireFormats

/// Reads a test document given as a string (UTF-8) or bytes.
func read(_ text: String, name: String = "test.xml", format: WireFormat? = nil) throws(WireFormatError) -> WireFileReadResult {
    try WireFileReader.read(Array(text.utf8), name: name, format: format)
}

func read(bytes: [UInt8], name: String = "test.xml", format: WireFormat? = nil) throws(WireFormatError) -> WireFileReadResult {
    try WireFileReader.read(bytes, name: name, format: format)
}

/// The body's text as a reader sees it.
func plainBody(_ record: ArticleRecord) -> String {
    let body = record.body ?? ""
    return record.contentType == .html ? WireText.plainText(html: body) : body
}
