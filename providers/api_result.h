#pragma once
// ApiResult<T>: a value from the workspace, or the ApiError that explains why there is none.

#include <utility>
#include <variant>

#include "engine/result.h"
#include "providers/api_error.h"

namespace cc::providers {

/// Like engine::Result but keeps the typed error, so callers can branch on NotFound etc.
template <typename T>
class ApiResult {
 public:
  ApiResult(T value) : state_(std::move(value)) {}       // NOLINT: implicit by design
  ApiResult(ApiError error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const ApiError& error() const { return std::get<ApiError>(state_); }

  /// For the engine: the value, or one diagnostic about `resource`.
  engine::Result<T> toResult(std::string resource = {}) && {
    if (ok()) return engine::Result<T>(std::move(value()));
    engine::Diagnostics d;
    d.add(error().toDiagnostic(std::move(resource)));
    return engine::Result<T>(std::move(d));
  }

 private:
  std::variant<T, ApiError> state_;
};

using ApiStatus = ApiResult<engine::Unit>;
inline ApiStatus apiOk() { return ApiStatus(engine::Unit{}); }

}  // namespace cc::providers
