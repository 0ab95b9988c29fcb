import Foundation

/// One input file, or standard input.
public struct InputFile: Sendable, Hashable {
  /// The path (as given, or as found under a given folder); `-` for standard input.
  public var path: String
  /// The size in bytes when known (for progress), nil for standard input.
  public var size: Int?

  public init(path: String, size: Int? = nil) {
    self.path = path
    self.size = size
  }

  /// Whether this is standard input.
  public var isStandardInput: Bool { path == "-" }
  /// The name used in reports: the path, or `<stdin>`.
  public var name: String { isStandardInput ? "<stdin>" : path }
}

/// Expands the command line's inputs into files: `-` (or nothing) is standard input, a folder
/// is every regular file below it in byte order of the path (hidden entries, whose names start
/// with `.`, are left out; links to folders are not followed), anything else is a file.
public enum InputFiles {
  /// The files of `paths`, in order, and the paths that do not exist.
  public static func expand(_ paths: [String]) -> (files: [InputFile], problems: [InputProblem]) {
    if paths.isEmpty { return ([InputFile(path: "-")], []) }
    var files: [InputFile] = []
    var problems: [InputProblem] = []
    let fm = FileManager.default
    for path in paths {
      if path == "-" {
        files.append(InputFile(path: "-"))
        continue
      }
      var isFolder: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isFolder) else {
        problems.append(InputProblem(file: path, reason: "no such file or folder"))
        continue
      }
      if isFolder.boolValue {
        files += folderFiles(path, problems: &problems)
      } else {
        files.append(InputFile(path: path, size: fileSize(path)))
      }
    }
    return (files, problems)
  }

  /// The size of the file at `path` in bytes, when it can be read.
  public static func fileSize(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
  }

  private static func folderFiles(_ root: String, problems: inout [InputProblem]) -> [InputFile] {
    var found: [String] = []
    var pending = [root]
    let fm = FileManager.default
    while let folder = pending.popLast() {
      let names: [String]
      do {
        names = try fm.contentsOfDirectory(atPath: folder)
      } catch {
        problems.append(InputProblem(file: folder, reason: "folder cannot be read"))
        continue
      }
      for name in names where !name.hasPrefix(".") {
        let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
        guard let attributes = try? fm.attributesOfItem(atPath: path),
          let type = attributes[.type] as? FileAttributeType
        else {
          problems.append(InputProblem(file: path, reason: "cannot be examined"))
          continue
        }
        switch type {
        case .typeDirectory: pending.append(path)
        case .typeRegular: found.append(path)
        case .typeSymbolicLink:
          var isFolder: ObjCBool = false
          if fm.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            found.append(path)
          }
        default: continue
        }
      }
    }
    found.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    return found.map { InputFile(path: $0, size: fileSize($0)) }
  }
}
