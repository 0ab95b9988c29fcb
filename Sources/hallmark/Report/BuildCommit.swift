/// Written by scripts/stamp-build-commit; "unstamped" in the repository.
enum BuildCommit {
  static let value = "unstamped"
}
