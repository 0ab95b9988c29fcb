/// The GGUF file format (llama.cpp's model container): metadata, tensor infos and tensor data.
///
/// See `Spec/gguf.md` for the subset Hallmark reads and how malformed files are reported.
public enum GGUF {}
