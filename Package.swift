// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "SwiftSNN",
    products: [
        .library(name: "SwiftSNN", targets: ["SwiftSNN"]),
        .executable(name: "snn", targets: ["snn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        // `swift package generate-documentation --target SwiftSNN` (make docs) builds the DocC catalog.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Hot loops over raw structure-of-arrays / CSR pointers. Threads come from the OpenMP runtime's
        // GOMP_parallel entry point, not from `-fopenmp`, so no unsafe flags and dependents can use the library.
        .target(
            name: "CSNNKernels",
            linkerSettings: [.linkedLibrary("omp5")]
        ),
        .target(
            name: "SwiftSNN",
            dependencies: [
                "CSNNKernels",
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .executableTarget(
            name: "snn",
            dependencies: [
                "SwiftSNN",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SwiftSNNTests", dependencies: ["SwiftSNN"]),
        .testTarget(name: "snnTests", dependencies: ["snn"]),
        // Only the public API, no @testable: what a package that depends on SwiftSNN can do.
        .testTarget(name: "SwiftSNNAPITests", dependencies: ["SwiftSNN"]),
    ]
)
