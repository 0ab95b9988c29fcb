/// Token texts, attributes, scores and the bytes each token decodes to.
struct Vocabulary: Sendable {
  /// Token text as stored in the source file (GPT-2 unicode form for byte-level vocabularies).
  let texts: [String]
  let attributes: [TokenAttributes]
  let scores: [Float]
  /// What each token decodes to.
  let pieces: FlatByteStrings

  var count: Int { texts.count }

  func piece(_ id: Int32) -> ArraySlice<UInt8> {
    guard id >= 0 && Int(id) < count else { return [] }
    return pieces[Int(id)]
  }
}

/// Text rewrites applied to each text fragment before pre-tokenization.
enum TextOp: Sendable {
  enum When: Sendable {
    /// Whenever the fragment is not empty (HF `Prepend`).
    case nonEmpty
    /// For the first fragment and fragments right after an added token (llama.cpp SPM
    /// `add_space_prefix`).
    case atStartOrAfterToken
    /// When the fragment does not already start with the prefix (HF `ByteLevel`
    /// `add_prefix_space`, `Metaspace` `always`).
    case unlessPresent
    /// Like `unlessPresent`, only for the fragment at offset 0 (HF `Metaspace` `first`).
    case unlessPresentAtTextStart
  }
  case prepend([UInt8], When)
  case replace([UInt8], [UInt8])
  case nfc
  case lowercase

  struct Context {
    var atTextStart: Bool
    var afterTokenOrStart: Bool
  }

  /// Applies the op to `bytes`.
  func apply(_ bytes: inout [UInt8], _ ctx: Context) {
    switch self {
    case .prepend(let prefix, let when):
      let present = bytes.starts(with: prefix)
      let doIt: Bool
      switch when {
      case .nonEmpty: doIt = !bytes.isEmpty
      case .atStartOrAfterToken: doIt = ctx.afterTokenOrStart
      case .unlessPresent: doIt = !present
      case .unlessPresentAtTextStart: doIt = !present && ctx.atTextStart
      }
      if doIt { bytes.insert(contentsOf: prefix, at: 0) }
    case .replace(let from, let to):
      guard !from.isEmpty, bytes.count >= from.count else { return }
      if from.count == 1 && !bytes.contains(from[0]) { return }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + bytes.count / 4)
      var i = 0
      let f0 = from[0]
      while i < bytes.count {
        if bytes[i] == f0 && i + from.count <= bytes.count
          && bytes[i..<(i + from.count)].elementsEqual(from)
        {
          out.append(contentsOf: to)
          i += from.count
        } else {
          out.append(bytes[i])
          i += 1
        }
      }
      bytes = out
    case .nfc:
      // Text whose scalars are all below U+0300 (no lead byte >= 0xCC) is already NFC.
      if !bytes.contains(where: { $0 >= 0xCC }) { return }
      let s = String(decoding: bytes, as: UTF8.self)
      bytes = Array(TextNormalization.nfc(s).utf8)
    case .lowercase:
      bytes = Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
    }
  }
}
