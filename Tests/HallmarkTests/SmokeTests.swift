import Testing

@testable import Hallmark

@Test func specVersionIsOne() {
  #expect(HallmarkCore.specVersion == "1")
}
