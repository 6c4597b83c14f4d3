import ReviewCore

/// A small deterministic generator, so that generated cases and the benchmark's repository are
/// the same every run: the core's SplitMix64, which the bootstrap of alpha draws with.
public typealias SeededGenerator = SplitMix64
