import Foundation
import ReviewCore

/// How sealed files merge: two seals of the same reviewer are settled by the newest; a round
/// file changed differently on both sides is a conflict for the chair.
public enum SealMerge {
  /// The merged seal of three versions (empty: absent), never a conflict: a side unchanged
  /// takes the other, and two new seals give the newer (by its time, then its commitment).
  public static func mergeSeal(base: Data, ours: Data, theirs: Data, path: String) throws -> Data {
    if ours == theirs || theirs == base || theirs.isEmpty { return ours }
    if ours == base || ours.isEmpty { return theirs }
    return try SealFile.newer(ours, theirs, path: path)
  }

  /// The merged round file; nil when both sides changed it differently.
  public static func mergeRound(base: Data, ours: Data, theirs: Data) -> Data? {
    if ours == theirs || theirs == base { return ours }
    if ours == base { return theirs }
    return nil
  }
}
