// swift-tools-version: 6.1
// libFuzzer targets over what SwiftSNN reads from users: configs (JSON through lowering), .npy files and
// checkpoints. Built with `-sanitize=fuzzer,address` by `make fuzz`, which runs each for a bounded time on its
// committed corpus.
import PackageDescription

let package = Package(
    name: "SwiftSNNFuzz",
    dependencies: [.package(name: "SwiftSNN", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(name: "FuzzConfig", dependencies: ["CFuzzerDriver", .product(name: "SwiftSNN", package: "SwiftSNN")]),
        .executableTarget(name: "FuzzNpy", dependencies: ["CFuzzerDriver", .product(name: "SwiftSNN", package: "SwiftSNN")]),
        .executableTarget(name: "FuzzCheckpoint", dependencies: ["CFuzzerDriver", .product(name: "SwiftSNN", package: "SwiftSNN")]),
    ]
)
