/// The verifier: tests text (files, folders, JSONL, standard input) for a key's watermark.
///
/// - `Input/`: documents from files, folders and JSONL records, with every unreadable piece
///   reported (file, line, byte offset) instead of stopping the run.
/// - `Detection/`: the tokenizer check, per-document tests, the windowed search
///   (`WindowSearch`) and the corpus test (`CorpusScan`), all on the core's `Detector`.
/// - `Attribution/`: one corpus tested under many candidate keys (`Attribution`), with
///   Holm–Bonferroni over the candidates.
/// - `Explain/`: per-token marks and their ANSI and HTML renderings.
/// - `Journal/`: reading back an incremental results file to resume a run.
///
/// See Spec/detection.md for the normative rules.
public enum HallmarkForensics {}
