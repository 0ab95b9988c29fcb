import Foundation
import Hallmark
import HallmarkText

/// One key tested in attribution, with the name a report gives it (the account, or the file).
public struct CandidateKey: Sendable {
  /// The key.
  public var key: WatermarkKey
  /// The account for a derived key, else the key file's path.
  public var label: String

  public init(key: WatermarkKey, label: String) {
    self.key = key
    self.label = label
  }
}

/// Where candidate keys come from: a folder of key files, or a master key and a list of
/// accounts whose keys are derived from it (Spec/keys.md).
public enum CandidateKeys {
  /// Every key file under `folder` (recursively, in path order); files that are not valid key
  /// files are problems.
  public static func folder(_ folder: String) -> (
    candidates: [CandidateKey], problems: [InputProblem]
  ) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue
    else { return ([], [InputProblem(file: folder, reason: "not a folder")]) }
    var (files, problems) = InputFiles.expand([folder])
    var candidates: [CandidateKey] = []
    for file in files {
      do {
        let key = try KeyFile.read(path: file.path)
        candidates.append(CandidateKey(key: key, label: key.derivation?.account ?? file.path))
      } catch {
        problems.append(InputProblem(file: file.path, reason: "not a usable key file: \(error)"))
      }
    }
    return (candidates, problems)
  }

  /// The accounts listed in `data`, one per line (a final `\r` is dropped; blank lines are
  /// skipped; a repeated account is a problem and tested once).
  public static func accounts(_ data: Data, name: String) -> (
    accounts: [String], problems: [InputProblem]
  ) {
    var accounts: [String] = []
    var problems: [InputProblem] = []
    var seen = Set<String>()
    var offset = 0
    for (i, raw) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
      defer { offset += raw.count + 1 }
      var line = [UInt8](raw)
      if line.last == 0x0D { line.removeLast() }
      if line.isEmpty { continue }
      if let bad = UTF8Validation.firstInvalidOffset(line) {
        problems.append(
          InputProblem(file: name, line: i + 1, byteOffset: offset + bad, reason: "invalid UTF-8"))
        continue
      }
      let account = String(decoding: line, as: UTF8.self)
      guard seen.insert(account).inserted else {
        problems.append(
          InputProblem(file: name, line: i + 1, reason: "account \"\(account)\" listed again"))
        continue
      }
      accounts.append(account)
    }
    return (accounts, problems)
  }

  /// The derived key of each account.
  public static func derived(master: WatermarkKey, accounts: [String]) -> [CandidateKey] {
    accounts.map { CandidateKey(key: master.derived(account: $0), label: $0) }
  }
}
