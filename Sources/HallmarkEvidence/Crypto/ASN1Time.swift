import COpenSSL
import Foundation

/// Converts OpenSSL's ASN.1 times (UTCTime, GeneralizedTime) to dates and readable text.
enum ASN1Time {
  /// The time as a `Date` (whole seconds; fractions are dropped), or nil when unreadable.
  static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
    guard let time else { return nil }
    var parts = tm()
    guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
    return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
  }

  /// ISO 8601 UTC text such as `2026-01-31T12:00:00Z`.
  static func iso8601(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
  }

  /// `iso8601` of the ASN.1 time, or "(unreadable time)".
  static func text(_ time: UnsafePointer<ASN1_TIME>?) -> String {
    date(time).map(iso8601) ?? "(unreadable time)"
  }
}
