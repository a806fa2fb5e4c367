// swift-tools-version: 6.1
// Examples of embedding SwiftSNN, as a package that depends on it would (here by path). CI builds and runs them.
import PackageDescription

let package = Package(
    name: "SwiftSNNExamples",
    dependencies: [.package(name: "SwiftSNN", path: "..")],
    targets: [
        .executableTarget(name: "ClosedLoop", dependencies: [.product(name: "SwiftSNN", package: "SwiftSNN")]),
        .executableTarget(name: "CustomRule", dependencies: [.product(name: "SwiftSNN", package: "SwiftSNN")]),
    ]
)
