// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "review",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "review", targets: ["review"]),
    .executable(name: "review-bench", targets: ["review-bench"]),
    .library(
      name: "ReviewKit", targets: ["ReviewCore", "ReviewCodec", "ReviewStore", "ReviewRendering"]),
    .library(name: "GitKit", targets: ["GitKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibgit2",
      pkgConfig: "libgit2",
      providers: [.apt(["libgit2-dev"])]
    ),
    .target(name: "GitKit", dependencies: ["CLibgit2"]),
    // SSH keys, ssh-agent and SSHSIG signatures, over swift-crypto: no git, no domain.
    .target(
      name: "SSHSigning",
      dependencies: [
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "CryptoExtras", package: "swift-crypto"),
      ]),
    // The age file format over swift-crypto: X25519 and ssh-ed25519 recipients; no git, no domain.
    .target(
      name: "AgeEncryption",
      dependencies: ["SSHSigning", .product(name: "Crypto", package: "swift-crypto")]),
    // The domain: no I/O, no YAML library, no git.
    .target(name: "ReviewCore"),
    // YAML in and out: the canonical writer and both readers.
    .target(
      name: "ReviewCodec",
      dependencies: [
        "ReviewCore", "SSHSigning", "AgeEncryption", .product(name: "Yams", package: "Yams"),
      ]
    ),
    // The repository as the domain sees it, through GitKit.
    .target(
      name: "ReviewStore",
      dependencies: [
        "ReviewCore", "ReviewCodec", "GitKit", "SSHSigning", "AgeEncryption",
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // Terminal tables, Markdown, HTML and the JSON shapes.
    .target(name: "ReviewRendering", dependencies: ["ReviewCore", "ReviewCodec", "ReviewStore"]),
    .executableTarget(
      name: "review",
      dependencies: [
        "ReviewCore", "ReviewCodec", "ReviewStore", "ReviewRendering", "GitKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "review-bench",
      dependencies: [
        "ReviewCore", "ReviewCodec", "ReviewStore", "GitKit", "SSHSigning", "TestSupport",
      ]),
    .target(name: "TestSupport", dependencies: ["ReviewCore"], path: "Tests/TestSupport"),
    .testTarget(name: "GitKitTests", dependencies: ["GitKit", "TestSupport"]),
    .testTarget(name: "SSHSigningTests", dependencies: ["SSHSigning", "TestSupport"]),
    .testTarget(
      name: "AgeEncryptionTests", dependencies: ["AgeEncryption", "SSHSigning", "TestSupport"]),
    .testTarget(
      name: "ReviewKitTests",
      dependencies: [
        "AgeEncryption", "ReviewCore", "ReviewCodec", "ReviewStore", "ReviewRendering", "GitKit",
        "TestSupport",
        .product(name: "Yams", package: "Yams"),
      ]),
    .testTarget(
      name: "ReviewCLITests", dependencies: ["ReviewCore", "ReviewStore", "GitKit", "TestSupport"]),
  ]
)
