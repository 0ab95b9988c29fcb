// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// Hot targets (per-token scoring, per-step logits processing, BPE, matmuls) are always
/// optimised, also in debug builds, so that tests over real models and large corpora run fast.
let hot: [SwiftSetting] = [.unsafeFlags(["-O", "-target-cpu", "haswell"])]

/// The Llama engine's kernels run about 1.5× faster with AVX-512 where the building machine has
/// it (its results are bit-identical either way: every kernel is lane-wise with explicit FMAs;
/// see docs/engine.md). Set HALLMARK_ENGINE_CPU to choose another `-target-cpu`.
let engineCPU: String = {
  if let cpu = ProcessInfo.processInfo.environment["HALLMARK_ENGINE_CPU"] { return cpu }
  let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
  let flags = Set(
    info.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ") ?? [])
  let avx512: Set<Substring> = [
    "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd", "fma", "f16c",
  ]
  return avx512.isSubset(of: flags) ? "skylake-avx512" : "haswell"
}()
let engine: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-target-cpu", engineCPU])]

let package = Package(
  name: "Hallmark",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "Hallmark", targets: ["Hallmark"]),
    .library(name: "HallmarkText", targets: ["HallmarkText"]),
    .library(name: "HallmarkModels", targets: ["HallmarkModels"]),
    .library(name: "GGUF", targets: ["GGUF"]),
    .library(name: "HallmarkEvidence", targets: ["HallmarkEvidence"]),
    .library(name: "HallmarkForensics", targets: ["HallmarkForensics"]),
    .library(name: "HallmarkStudents", targets: ["HallmarkStudents"]),
    .library(name: "HallmarkProbe", targets: ["HallmarkProbe"]),
    .library(name: "HallmarkTestServer", targets: ["HallmarkTestServer"]),
    .library(name: "HallmarkRadioactivity", targets: ["HallmarkRadioactivity"]),
    .executable(name: "hallmark", targets: ["hallmark"]),
    .executable(name: "hallmark-bench", targets: ["HallmarkBench"]),
    .executable(name: "hallmark-test-server", targets: ["hallmark-test-server"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
  ],
  targets: [
    .systemLibrary(
      name: "COpenSSL", pkgConfig: "openssl",
      providers: [.apt(["libssl-dev"])]),

    // Core: keys, keyed PRF, schemes (embedder + scorer), dedup, exact statistics.
    .target(name: "Hallmark", dependencies: ["COpenSSL"], swiftSettings: hot),

    // File formats and text: GGUF reader, tokenizers.
    .target(name: "GGUF", swiftSettings: hot),
    .target(name: "HallmarkText", dependencies: ["GGUF", "COpenSSL"], swiftSettings: hot),

    // A compact CPU Llama engine.
    .target(name: "HallmarkModels", dependencies: ["GGUF", "Hallmark"], swiftSettings: engine),

    // Evidence bundles: canonical JSON, signatures (Ed25519, CMS), RFC 3161, HTML + SVG.
    .target(name: "HallmarkEvidence", dependencies: ["COpenSSL"]),

    // The verifier: text inputs, windowed, corpus and multi-key (attribution) tests, explain.
    .target(name: "HallmarkForensics", dependencies: ["Hallmark", "HallmarkText"]),

    // Student models for distillation experiments: an interpolated Kneser–Ney n-gram model.
    .target(name: "HallmarkStudents", dependencies: ["Hallmark"], swiftSettings: hot),

    // Probing a live suspect: an OpenAI-compatible chat client with retries and resume.
    .target(
      name: "HallmarkProbe",
      dependencies: [
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]),

    // A loopback OpenAI-compatible server with fault injection, for tests and demos.
    .target(
      name: "HallmarkTestServer",
      dependencies: [
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]),

    // Distillation tie-back: closed-model and open-weights (reading mode) radioactivity tests.
    .target(
      name: "HallmarkRadioactivity",
      dependencies: ["Hallmark", "HallmarkModels", "HallmarkStudents", "HallmarkEvidence"],
      swiftSettings: hot),

    .executableTarget(
      name: "hallmark",
      dependencies: [
        "Hallmark", "HallmarkText", "HallmarkModels", "HallmarkEvidence", "HallmarkForensics",
        "HallmarkStudents", "HallmarkProbe", "HallmarkRadioactivity",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "hallmark-test-server",
      dependencies: [
        "HallmarkTestServer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "HallmarkBench", dependencies: ["Hallmark", "HallmarkText", "HallmarkModels"],
      path: "Benchmarks/HallmarkBench", swiftSettings: hot),

    .testTarget(
      name: "HallmarkTests", dependencies: ["Hallmark"],
      resources: [.copy("Fixtures")]),
    // Runs the built `hallmark` for the command-line tests (a library, not a test target).
    .target(name: "HallmarkCLITestSupport", path: "Tests/HallmarkCLITestSupport"),
    .testTarget(
      name: "HallmarkCLITests", dependencies: ["Hallmark", "hallmark", "HallmarkCLITestSupport"]),
    .testTarget(
      name: "HallmarkForensicsTests",
      dependencies: [
        "HallmarkForensics", "Hallmark", "HallmarkText", "hallmark", "HallmarkCLITestSupport",
      ],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "HallmarkStudentsTests", dependencies: ["Hallmark", "HallmarkStudents"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "HallmarkRadioactivityTests",
      dependencies: ["Hallmark", "HallmarkStudents", "HallmarkRadioactivity"]),
    .testTarget(
      name: "HallmarkProbeTests",
      dependencies: ["HallmarkProbe", "HallmarkTestServer", "hallmark", "HallmarkCLITestSupport"]),
    .testTarget(
      name: "HallmarkEvidenceTests", dependencies: ["HallmarkEvidence"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "GGUFTests", dependencies: ["GGUF", "HallmarkModels", "Hallmark"], resources: [.copy("Fixtures")],
      swiftSettings: hot),
    .testTarget(
      name: "HallmarkTextTests", dependencies: ["HallmarkText", "GGUF"],
      resources: [.copy("Fixtures")], swiftSettings: hot),
    .testTarget(
      name: "HallmarkModelsTests", dependencies: ["HallmarkModels", "GGUF", "Hallmark"],
      resources: [.copy("Fixtures")], swiftSettings: hot),
  ]
)
