import Foundation

/// Facts about where output goes.
enum Terminal {
  /// Whether standard output is a terminal (tables) rather than a pipe or file.
  static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
  /// Whether standard error is a terminal (progress bars).
  static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

  /// Writes a line to standard error.
  static func warn(_ message: String) {
    FileHandle.standardError.write(Data(("hallmark: " + message + "\n").utf8))
  }
}

/// A plain-text table with right-aligned numeric columns.
struct Table {
  let headers: [String]
  var rows: [[String]] = []
  /// Columns aligned left (text); the others align right (numbers).
  var leftAligned: Set<Int> = [0]

  init(headers: [String], leftAligned: Set<Int> = [0]) {
    self.headers = headers
    self.leftAligned = leftAligned
  }

  var text: String {
    var widths = headers.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        return leftAligned.contains(i) ? cell + pad : pad + cell
      }.joined(separator: "  ").replacingOccurrences(
        of: " +$", with: "", options: .regularExpression)
    }
    return ([line(headers)] + rows.map(line)).joined(separator: "\n")
  }
}
