import Foundation
public struct PValue: Sendable, Equatable, Codable { public let log10: Double; public var value: Double { pow(10, log10) } }
public enum Statistics {
  public static func binomialUpperTail(atLeast k: Int, trials n: Int, probability p: Double) -> PValue { PValue(log10: 0) }
  public static func gammaUpperTail(atLeast x: Double, shape a: Double) -> PValue { PValue(log10: 0) }
  public static func kgwZScore(green: Int, scored: Int, gamma: Double) -> Double { 0 }
}
