import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal
/// (never into logs or pipes), at most ten times a second.
final class ProgressBar {
  private let total: Int?
  private let unit: String
  private let enabled: Bool
  private var last: UInt64 = 0
  private var shown = false

  /// A bar towards `total` (bytes or items); nil draws a counter only.
  init(total: Int?, unit: String = "documents", enabled: Bool = Terminal.stderrIsTTY) {
    self.total = total
    self.unit = unit
    self.enabled = enabled
  }

  /// Redraws with `done` of the total and `count` items.
  func update(done: Int, count: Int) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    guard now - last > 100_000_000 else { return }
    last = now
    var line = "\r\u{1B}[K"
    if let total, total > 0 {
      let fraction = min(1, Double(done) / Double(total))
      let width = 30
      let filled = Int(fraction * Double(width))
      line +=
        "[" + String(repeating: "=", count: filled)
        + String(repeating: " ", count: width - filled) + "] "
        + String(format: "%3.0f%%", fraction * 100) + " "
    }
    line += "\(count) \(unit)"
    FileHandle.standardError.write(Data(line.utf8))
    shown = true
  }

  /// Removes the bar (before other output, and at the end).
  func clear() {
    guard enabled, shown else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    shown = false
    last = 0
  }
}
