#pragma once
// Freeing the manifest and plan of a 10,000-resource run takes tens of milliseconds, spent just
// before the process ends, when the kernel takes the memory back anyway. main() turns this on;
// then keepUntilExit moves such a value aside instead of letting its owner destroy it. The
// values stay reachable from a global, so leak checkers do not report them. When it is off (the
// default, e.g. tests that run commands in-process), values are destroyed as usual.

#include <type_traits>
#include <utility>

namespace cc::cli {

/// On in main(); tests that run commands in-process leave it off.
void setExitWithoutFree(bool on);
bool exitWithoutFreeEnabled();

struct KeptValue {
  virtual ~KeptValue() = default;
};
/// Takes `value` (heap-allocated) and never deletes it.
void keepForever(KeptValue* value);

template <class T>
void keepUntilExit(T&& value) {
  static_assert(!std::is_lvalue_reference_v<T>, "pass the value with std::move");
  if (!exitWithoutFreeEnabled()) return;
  struct Holder : KeptValue {
    explicit Holder(T&& v) : value(std::move(v)) {}
    T value;
  };
  keepForever(new Holder(std::move(value)));
}

}  // namespace cc::cli
