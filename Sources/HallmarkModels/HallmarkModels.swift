/// Language models that produce next-token logits for watermarked generation:
/// a compact CPU engine for Llama-architecture GGUF models (``LlamaModel``), sampling and
/// batched generation (``Generator``).
public enum HallmarkModels {}
