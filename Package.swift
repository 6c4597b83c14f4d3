// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "review",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "review", targets: ["review"]),
    .executable(name: "review-bench", targets: ["review-bench"]),
    .library(name: "ReviewKit", targets: ["ReviewKit"]),
    .library(name: "GitKit", targets: ["GitKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibgit2",
      pkgConfig: "libgit2",
      providers: [.apt(["libgit2-dev"])]
    ),
    .target(name: "GitKit", dependencies: ["CLibgit2"]),
    .target(
      name: "ReviewKit",
      dependencies: ["GitKit", .product(name: "Yams", package: "Yams")]
    ),
    .executableTarget(
      name: "review",
      dependencies: [
        "ReviewKit", "GitKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "review-bench", dependencies: ["ReviewKit", "GitKit", "TestSupport"]),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "GitKitTests", dependencies: ["GitKit", "TestSupport"]),
    .testTarget(name: "ReviewKitTests", dependencies: ["ReviewKit", "GitKit", "TestSupport"]),
    .testTarget(name: "ReviewCLITests", dependencies: ["ReviewKit", "GitKit", "TestSupport"]),
  ]
)
