import ArgumentParser
import Foundation
import Hallmark
import HallmarkEvidence
import HallmarkRadioactivity

/// Reads a radioactivity result for an evidence report and makes it reproducible: the result
/// must be one of `hallmark radioactivity --json`, made with the report's key (same
/// commitment), with a recorded command line and input digests; every input must still have
/// its digest; and the test run again from them must give the result's numbers. Anything else
/// is refused with a message naming the file (Spec/evidence.md, `radioactivity`).
enum RadioactivityEvidence {
  /// The section for the result at `path` (opened through `locate`, like every input).
  static func load(path: String, key: WatermarkKey, locate: (String) -> String) throws
    -> RadioactivitySection
  {
    let actual = locate(path)
    let file: InputFileRecord
    let recorded: RadioactivityReport
    do {
      file = try InputFileRecord.describe(path: actual, role: "radioactivity-result")
      let bytes = try FileIO.read(path: actual)
      do {
        _ = try JSONValue(parsing: bytes)
      } catch {
        throw CLIError("\(path): not a hallmark radioactivity result (not valid JSON: \(error))")
      }
      recorded = try RadioactivityJSON.decoder.decode(RadioactivityReport.self, from: Data(bytes))
    } catch let error as EvidenceError {
      throw CLIError("\(path): cannot read radioactivity result (\(error))")
    } catch let error as CLIError {
      throw error
    } catch {
      throw CLIError("\(path): not a hallmark radioactivity result (\(Self.reason(error)))")
    }
    guard recorded.format == "hallmark-radioactivity", recorded.version == 1 else {
      throw CLIError(
        "\(path): format \(recorded.format) version \(recorded.version), expected hallmark-radioactivity version 1"
      )
    }
    guard let commitment = recorded.keyCommitment, let argv = recorded.command,
      let inputs = recorded.inputs
    else {
      throw CLIError(
        "\(path): records no key commitment, command line or input digests (made by an older hallmark); run `hallmark radioactivity ... --json` again to make a result that can be reproduced"
      )
    }
    guard commitment == key.commitment else {
      throw CLIError(
        "\(path): made with key \(recorded.keyId) (commitment \(commitment)), not with the report's key \(key.id) (commitment \(key.commitment)): refused"
      )
    }
    var arguments = Array(argv.dropFirst())
    if arguments.first == "radioactivity" { arguments.removeFirst() }
    var command: RadioactivityCommand
    do {
      command = try RadioactivityCommand.parse(arguments)
    } catch {
      throw CLIError(
        "\(path): the recorded command line does not parse: \(RadioactivityCommand.message(for: error))"
      )
    }
    // Recorded paths are relative to where the result was made: try them as recorded (through
    // `locate`), then next to the result file.
    let folder = URL(fileURLWithPath: actual).deletingLastPathComponent()
    func resolve(_ recordedPath: String) -> String {
      let located = locate(recordedPath)
      if FileManager.default.fileExists(atPath: located) || recordedPath.hasPrefix("/") {
        return located
      }
      return folder.appendingPathComponent(recordedPath).path
    }
    var records = [
      InputFileRecord(path: path, role: file.role, bytes: file.bytes, sha256: file.sha256)
    ]
    for input in inputs {
      let fresh: InputFileRecord
      do {
        fresh = try InputFileRecord.describe(path: resolve(input.path), role: input.role)
      } catch {
        throw CLIError("\(input.path): cannot read \(input.role) of \(path) (\(error))")
      }
      guard fresh.sha256 == input.sha256, fresh.bytes == input.bytes else {
        throw CLIError(
          "\(input.path): SHA-256 \(fresh.sha256) differs from \(input.sha256) recorded in \(path): the file changed since the result was made"
        )
      }
      records.append(
        InputFileRecord(
          path: input.path, role: input.role, bytes: input.bytes, sha256: input.sha256))
    }
    // The tokenizer the run used, even when it was the default model.
    if command.model == nil, let tokenizer = inputs.first(where: { $0.role == "tokenizer" }) {
      command.model = tokenizer.path
    }
    var fresh: RadioactivityReport
    do {
      fresh = try command.compute(key: key, locate: resolve, keepControlPValues: true).report
    } catch {
      throw CLIError("\(path): cannot recompute the result (\(error))")
    }
    try check(recorded: recorded, fresh: fresh, path: path)
    fresh.keyCommitment = commitment
    fresh.command = argv
    fresh.inputs = inputs
    return RadioactivitySection(
      resultPath: path, result: fresh, command: argv, inputs: records)
  }

  /// Refuses a result whose numbers are not those recomputed from its inputs.
  static func check(recorded: RadioactivityReport, fresh: RadioactivityReport, path: String)
    throws
  {
    var comparable = fresh
    comparable.keyCommitment = recorded.keyCommitment
    comparable.command = recorded.command
    comparable.inputs = recorded.inputs
    // A result made without --control-p-values does not list them; the recomputation does.
    if recorded.closedModel?.unfiltered.controls.log10P == nil {
      comparable.closedModel?.unfiltered.controls.log10P = nil
    }
    if recorded.closedModel?.filtered?.controls.log10P == nil {
      comparable.closedModel?.filtered?.controls.log10P = nil
    }
    if recorded.openWeights?.reading.controls.log10P == nil {
      comparable.openWeights?.reading.controls.log10P = nil
    }
    guard comparable != recorded else { return }
    let old = try JSONValue(parsing: Array(RadioactivityJSON.encoder.encode(recorded)))
    let new = try JSONValue(parsing: Array(RadioactivityJSON.encoder.encode(comparable)))
    let members = Set((old.objectValue ?? [:]).keys).union((new.objectValue ?? [:]).keys)
      .sorted().filter { old[$0] != new[$0] }
    throw CLIError(
      "\(path): its numbers differ from a recomputation from its recorded inputs (\(members.joined(separator: ", "))): refused"
    )
  }

  /// A coding path as the JSON spells it (snake case).
  static func field(_ path: [any CodingKey]) -> String {
    path.map { key in
      key.intValue.map(String.init)
        ?? key.stringValue.reduce(into: "") { out, c in
          out += c.isUppercase ? "_" + c.lowercased() : String(c)
        }
    }.joined(separator: ".")
  }

  /// A decoding error in a few words (the field and what was wrong).
  static func reason(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      return "missing field \(field(context.codingPath + [key]))"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
      DecodingError.dataCorrupted(let context):
      let name = field(context.codingPath)
      return (name.isEmpty ? "" : "field \(name): ") + context.debugDescription
    default:
      return "\(error)"
    }
  }
}
