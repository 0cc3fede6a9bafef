#pragma once
// Result<T>: a value, or the diagnostics that explain why there is none.

#include <utility>
#include <variant>

#include "engine/diagnostic.h"

namespace cc::engine {

/// Either a T or at least one error diagnostic. Warnings travel with errors only.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Diagnostics diags) : state_(std::move(diags)) {}  // NOLINT

  static Result failure(std::string summary, std::optional<SourceRange> range = std::nullopt,
                        std::string detail = {}) {
    Diagnostics d;
    d.error(std::move(summary), std::move(range), std::move(detail));
    return Result(std::move(d));
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Diagnostics& diagnostics() const { return std::get<Diagnostics>(state_); }

 private:
  std::variant<T, Diagnostics> state_;
};

/// For operations that return nothing but may fail.
struct Unit {};
using Status = Result<Unit>;
inline Status okStatus() { return Status(Unit{}); }

}  // namespace cc::engine
