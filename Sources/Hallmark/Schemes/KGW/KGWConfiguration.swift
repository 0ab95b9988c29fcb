/// KGW's parameters resolved for computation: the integer green threshold and the seeding.
///
/// A token is green for a seed when its PRF word is below `threshold = floor(γ · 2^32)`, so the
/// null probability of green is exactly `threshold / 2^32` (Spec/schemes.md#kgw).
struct KGWConfiguration {
  let greenFraction: Double
  let bias: Float
  let contextWidth: Int
  let seeding: Seeding
  let threshold: UInt32

  init(_ scheme: SchemeParameters) {
    switch scheme {
    case .kgw(let p):
      greenFraction = p.greenFraction
      bias = Float(p.bias)
      contextWidth = p.contextWidth
      seeding = p.seeding
    case .unigram(let gamma, let delta):
      greenFraction = gamma
      bias = Float(delta)
      contextWidth = 0
      seeding = .leftHash
    default:
      preconditionFailure("not a KGW scheme: \(scheme.name)")
    }
    threshold = UInt32((greenFraction * 4_294_967_296).rounded(.down))
  }

  /// The probability that a token is green under the null hypothesis.
  var nullProbability: Double { Double(threshold) / 4_294_967_296 }
}
