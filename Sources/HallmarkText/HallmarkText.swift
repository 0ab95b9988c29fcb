/// Tokenizers (byte-level BPE and SentencePiece-style BPE) that reproduce a source model's
/// token ids from text, loaded from Hugging Face `tokenizer.json` or from GGUF metadata.
public enum HallmarkText {}
