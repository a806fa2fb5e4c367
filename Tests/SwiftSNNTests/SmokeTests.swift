import Testing
@testable import SwiftSNN
@Test func placeholder() { #expect(Bool(true)) }
