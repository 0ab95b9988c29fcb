/// Tokenizers (byte-level BPE and SentencePiece-style BPE) that reproduce a source model's
/// token ids from text, loaded from Hugging Face `tokenizer.json` or from GGUF metadata.
///
/// Entry points: ``TokenizerLoader`` (files), the ``Tokenizer`` protocol (`encode`, `decode`,
/// `fingerprint`), ``StreamingDecoder``, ``DetectionNormalization``. The normative description is
/// `Spec/tokenizer.md`.
public enum HallmarkText {}
