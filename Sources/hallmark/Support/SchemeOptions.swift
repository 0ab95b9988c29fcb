import ArgumentParser
import Hallmark

/// Scheme parameters on the command line; unset options take the Spec's defaults.
struct SchemeOptions: ParsableArguments {
  @Option(help: "γ, the green fraction (kgw, unigram; default 0.25).")
  var greenFraction: Double?

  @Option(help: "δ, the logit bias of green tokens (kgw, unigram; default 2).")
  var bias: Double?

  @Option(help: "h, previous tokens that seed the PRF (kgw 1, gumbel 4, synthid 4).")
  var contextWidth: Int?

  @Option(help: "KGW seeding: leftHash or selfHash (default leftHash).")
  var seeding: Seeding?

  @Option(help: "m, SynthID tournament layers, 1...32 (default 30).")
  var layers: Int?

  @Option(
    help: """
      φ, SynthID: only candidates with at least 2^-φ of the top weight play the tournament, \
      1...126; 0: every candidate plays (default 20).
      """)
  var contenderFloor: Int?

  /// The parameters of scheme `name` from these options and the defaults.
  func scheme(named name: String) throws -> SchemeParameters {
    let scheme: SchemeParameters
    switch name {
    case "kgw":
      let d = KGWParameters()
      scheme = .kgw(
        KGWParameters(
          greenFraction: greenFraction ?? d.greenFraction, bias: bias ?? d.bias,
          contextWidth: contextWidth ?? d.contextWidth, seeding: seeding ?? d.seeding))
    case "unigram":
      scheme = .unigram(greenFraction: greenFraction ?? 0.25, bias: bias ?? 2)
    case "gumbel":
      scheme = .gumbel(GumbelParameters(contextWidth: contextWidth ?? 4))
    case "synthid":
      let d = SynthIDParameters()
      scheme = .synthid(
        SynthIDParameters(
          contextWidth: contextWidth ?? d.contextWidth, layers: layers ?? d.layers,
          contenderFloor: contenderFloor.map { $0 == 0 ? nil : $0 } ?? d.contenderFloor))
    default:
      throw ValidationError(
        "unknown scheme \"\(name)\"; expected one of \(SchemeRegistry.names.joined(separator: ", "))"
      )
    }
    try scheme.validate()
    return scheme
  }
}

extension Seeding: ExpressibleByArgument {}
