/// How KGW chooses the seed of a candidate's green list (Kirchenbauer et al., "On the
/// Reliability of Watermarks for Large Language Models", 2023).
public enum Seeding: String, Codable, Sendable, CaseIterable {
  /// The seed is the PRF of the `contextWidth` tokens before the candidate.
  case leftHash
  /// Minhash over the window including the candidate: the smallest single-token seed among
  /// the `contextWidth` previous tokens and the candidate itself.
  case selfHash
}

/// Parameters of the red/green-list scheme (Kirchenbauer et al. 2023); with `contextWidth`
/// 0 it is Unigram (Zhao et al. 2023).
public struct KGWParameters: Codable, Sendable, Equatable {
  /// γ: the fraction of the vocabulary that is green for a context.
  public var greenFraction: Double
  /// δ: the bias added to green logits.
  public var bias: Double
  /// h: how many previous tokens seed the green list.
  public var contextWidth: Int
  /// How the seed is formed from the window.
  public var seeding: Seeding

  /// Parameters with the common defaults γ = 0.25, δ = 2, h = 1, LeftHash.
  public init(
    greenFraction: Double = 0.25, bias: Double = 2, contextWidth: Int = 1,
    seeding: Seeding = .leftHash
  ) {
    self.greenFraction = greenFraction
    self.bias = bias
    self.contextWidth = contextWidth
    self.seeding = seeding
  }
}

/// Parameters of exponential-minimum (Gumbel) sampling (Aaronson 2022; Fernandez et al. 2023).
public struct GumbelParameters: Codable, Sendable, Equatable {
  /// h: how many previous tokens seed the uniforms.
  public var contextWidth: Int

  /// Parameters with h = 4 by default.
  public init(contextWidth: Int = 4) { self.contextWidth = contextWidth }
}

/// Parameters of SynthID-style tournament sampling (Dathathri et al., Nature 2024).
public struct SynthIDParameters: Codable, Sendable, Equatable {
  /// h: how many previous tokens seed the g-values.
  public var contextWidth: Int
  /// m: tournament layers, one Bernoulli(1/2) g-value per layer and candidate (1...32).
  public var layers: Int
  /// φ: only the candidates whose weight is at least 2^-φ of the largest (the contenders) play
  /// the tournament; the others keep their weights, so the draw stays non-distortionary
  /// (1...126). nil: every candidate plays (key files written before φ existed).
  public var contenderFloor: Int?

  /// Parameters with h = 4, m = 30 and φ = 20 by default: on SmolLM2's steps the candidates
  /// below 2^-20 of the top hold about 0.1 % of the probability but three quarters of the
  /// vocabulary, which the tournament then skips (docs/engine.md).
  public init(contextWidth: Int = 4, layers: Int = 30, contenderFloor: Int? = 20) {
    self.contextWidth = contextWidth
    self.layers = layers
    self.contenderFloor = contenderFloor
  }
}

/// A scheme and all its parameters, as stored in a key file (`"scheme": {"name": …}`).
public enum SchemeParameters: Sendable, Equatable {
  case kgw(KGWParameters)
  /// KGW with h = 0 under its own PRF domain; `contextWidth` and `seeding` are ignored.
  case unigram(greenFraction: Double, bias: Double)
  case gumbel(GumbelParameters)
  case synthid(SynthIDParameters)

  /// The scheme's name: "kgw", "unigram", "gumbel" or "synthid". It is also its PRF domain.
  public var name: String {
    switch self {
    case .kgw: "kgw"
    case .unigram: "unigram"
    case .gumbel: "gumbel"
    case .synthid: "synthid"
    }
  }

  /// h, the number of previous tokens in a context window (0 for Unigram).
  public var contextWidth: Int {
    switch self {
    case .kgw(let p): p.contextWidth
    case .unigram: 0
    case .gumbel(let p): p.contextWidth
    case .synthid(let p): p.contextWidth
    }
  }

  /// The largest context width a key may use (Spec/keys.md).
  public static let maximumContextWidth = 64

  /// Checks every parameter's range; the message names the parameter.
  public func validate() throws(KeyError) {
    func check(_ ok: Bool, _ message: String) throws(KeyError) {
      if !ok { throw KeyError.invalidParameter(message) }
    }
    try check(
      (0...Self.maximumContextWidth).contains(contextWidth),
      "contextWidth must be in 0...\(Self.maximumContextWidth), got \(contextWidth)")
    switch self {
    case .kgw(let p):
      try check(
        p.greenFraction > 0 && p.greenFraction < 1,
        "greenFraction must be in (0, 1), got \(p.greenFraction)")
      try check(p.bias.isFinite && p.bias >= 0, "bias must be finite and >= 0, got \(p.bias)")
    case .unigram(let gamma, let delta):
      try check(gamma > 0 && gamma < 1, "greenFraction must be in (0, 1), got \(gamma)")
      try check(delta.isFinite && delta >= 0, "bias must be finite and >= 0, got \(delta)")
    case .gumbel: break
    case .synthid(let p):
      try check((1...32).contains(p.layers), "layers must be in 1...32, got \(p.layers)")
      if let floor = p.contenderFloor {
        try check((1...126).contains(floor), "contenderFloor must be in 1...126, got \(floor)")
      }
    }
  }

  /// The parameters as ordered (name, value) pairs, for tables and reports.
  public var summary: [(String, String)] {
    switch self {
    case .kgw(let p):
      [
        ("greenFraction", "\(p.greenFraction)"), ("bias", "\(p.bias)"),
        ("contextWidth", "\(p.contextWidth)"), ("seeding", p.seeding.rawValue),
      ]
    case .unigram(let gamma, let delta): [("greenFraction", "\(gamma)"), ("bias", "\(delta)")]
    case .gumbel(let p): [("contextWidth", "\(p.contextWidth)")]
    case .synthid(let p):
      [("contextWidth", "\(p.contextWidth)"), ("layers", "\(p.layers)")]
        + (p.contenderFloor.map { [("contenderFloor", "\($0)")] } ?? [])
    }
  }
}

extension SchemeParameters: Codable {
  private enum CodingKeys: String, CodingKey {
    case name, greenFraction, bias, contextWidth, seeding, layers, contenderFloor
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let name = try c.decode(String.self, forKey: .name)
    switch name {
    case "kgw":
      self = .kgw(
        KGWParameters(
          greenFraction: try c.decode(Double.self, forKey: .greenFraction),
          bias: try c.decode(Double.self, forKey: .bias),
          contextWidth: try c.decode(Int.self, forKey: .contextWidth),
          seeding: try c.decode(Seeding.self, forKey: .seeding)))
    case "unigram":
      self = .unigram(
        greenFraction: try c.decode(Double.self, forKey: .greenFraction),
        bias: try c.decode(Double.self, forKey: .bias))
    case "gumbel":
      self = .gumbel(GumbelParameters(contextWidth: try c.decode(Int.self, forKey: .contextWidth)))
    case "synthid":
      self = .synthid(
        SynthIDParameters(
          contextWidth: try c.decode(Int.self, forKey: .contextWidth),
          layers: try c.decode(Int.self, forKey: .layers),
          contenderFloor: try c.decodeIfPresent(Int.self, forKey: .contenderFloor)))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .name, in: c,
        debugDescription: "unknown scheme \"\(name)\" (expected kgw, unigram, gumbel or synthid)")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    switch self {
    case .kgw(let p):
      try c.encode(p.greenFraction, forKey: .greenFraction)
      try c.encode(p.bias, forKey: .bias)
      try c.encode(p.contextWidth, forKey: .contextWidth)
      try c.encode(p.seeding, forKey: .seeding)
    case .unigram(let gamma, let delta):
      try c.encode(gamma, forKey: .greenFraction)
      try c.encode(delta, forKey: .bias)
    case .gumbel(let p):
      try c.encode(p.contextWidth, forKey: .contextWidth)
    case .synthid(let p):
      try c.encode(p.contextWidth, forKey: .contextWidth)
      try c.encode(p.layers, forKey: .layers)
      try c.encodeIfPresent(p.contenderFloor, forKey: .contenderFloor)
    }
  }
}
