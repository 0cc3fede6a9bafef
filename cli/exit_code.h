#pragma once
// The process exit codes, in one place.

namespace cc::cli {

enum class ExitCode : int {
  Ok = 0,
  Error = 1,
  /// `plan --detailed-exitcode` found changes (never used for failures).
  ChangesPresent = 2,
};

inline int toInt(ExitCode c) { return static_cast<int>(c); }

}  // namespace cc::cli
