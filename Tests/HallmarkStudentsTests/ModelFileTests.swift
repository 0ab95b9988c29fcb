import Foundation
import Hallmark
import HallmarkStudents
import Testing

@Suite struct ModelFileTests {
  static let bytes: [UInt8] = {
    let model = try! NGramModel.train(
      order: 3, vocabularySize: 40, corpus: randomCorpus(vocabulary: 40, documents: 10, seed: 3))
    return NGramModelFile.encode(model)
  }()

  static func offset(of error: any Error) -> Int? {
    if case .invalidModelFile(_, let offset, _) = error as? StudentError { return offset }
    return nil
  }

  @Test func everyTruncationIsAClearError() {
    for length in 0..<Self.bytes.count {
      #expect(throws: StudentError.self) {
        try NGramModelFile.decode(Array(Self.bytes.prefix(length)), file: "cut.hmng")
      }
    }
  }

  @Test func everyFlippedByteIsAClearError() {
    for i in stride(from: 0, to: Self.bytes.count, by: 7) {
      var damaged = Self.bytes
      damaged[i] ^= 0x40
      do {
        _ = try NGramModelFile.decode(damaged, file: "damaged.hmng")
        Issue.record("byte \(i) flipped was accepted")
      } catch {
        #expect(Self.offset(of: error) != nil, "\(error)")
      }
    }
  }

  @Test func otherVersionsAreNamed() {
    var future = Self.bytes
    future[8] = 2
    // Re-seal the checksum so that the version check itself is reached.
    let body = Array(future.dropLast(32))
    future = body + SHA256.hash(body)
    do {
      _ = try NGramModelFile.decode(future, file: "future.hmng")
      Issue.record("version 2 accepted")
    } catch {
      #expect("\(error)".contains("format version 2"))
      #expect(Self.offset(of: error) == 8)
    }
  }

  @Test func missingFileIsNamed() {
    #expect(throws: StudentError.unreadable(file: "/nonexistent/m.hmng", reason: "no such file")) {
      try NGramModelFile.read(path: "/nonexistent/m.hmng")
    }
  }
}
