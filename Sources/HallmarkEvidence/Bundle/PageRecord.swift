/// The `page` member of `report.json`: the file name, size and SHA-256 of the bundle's
/// human-readable page (`report.html`). The page is rendered before the report is serialized
/// and signed, so the signature over `report.json` covers the page too (Spec/evidence.md
/// section 7). The page never shows anything derived from `report.json`'s bytes, its
/// signature or its time-stamp, so there is no circularity.
public struct PageRecord: Sendable, Equatable {
  /// The member name in `report.json`.
  public static let member = "page"

  /// The page's file name inside the bundle (`report.html`).
  public var file: String
  /// Size in bytes.
  public var bytes: Int
  /// SHA-256 of the page's bytes, 64 lower-case hex digits.
  public var sha256: String

  public init(file: String, bytes: Int, sha256: String) {
    self.file = file
    self.bytes = bytes
    self.sha256 = sha256
  }

  /// The record of a page with these bytes.
  public static func describe(_ page: [UInt8], file: String = BundleLayout.html) -> PageRecord {
    PageRecord(file: file, bytes: page.count, sha256: SHA256.hex(page))
  }

  /// The member as written in `report.json`: `{"bytes": N, "file": NAME, "sha256": HEX}`.
  public var json: JSONValue {
    ["file": .string(file), "bytes": .number(Double(bytes)), "sha256": .string(sha256)]
  }

  /// Reads the member back from a report.
  /// - Returns: nil when the report has no `page` member (bundles of earlier versions).
  /// - Throws: `PageRecord.Malformed`, naming the field, when the member is present but is
  ///   not an object with a valid bundle file name, a non-negative integer size and 64
  ///   lower-case hex digits.
  public static func recorded(in report: JSONValue) throws(Malformed) -> PageRecord? {
    guard let member = report[Self.member] else { return nil }
    guard let file = member["file"]?.stringValue, BundleWriter.isValidName(file) else {
      throw Malformed(reason: "\"\(Self.member).file\" is missing or not a bundle file name")
    }
    guard let size = member["bytes"]?.numberValue, size >= 0, size <= 0x1p53,
      size.rounded() == size
    else {
      throw Malformed(reason: "\"\(Self.member).bytes\" is missing or not a byte count")
    }
    guard let sha256 = member["sha256"]?.stringValue, sha256.utf8.count == 64,
      sha256.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
    else {
      throw Malformed(
        reason: "\"\(Self.member).sha256\" is missing or not 64 lower-case hex digits")
    }
    return PageRecord(file: file, bytes: Int(size), sha256: sha256)
  }

  /// A `page` member that cannot be read.
  public struct Malformed: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { "report.json: \(reason)" }
  }
}
