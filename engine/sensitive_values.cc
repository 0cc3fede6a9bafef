#include "engine/sensitive_values.h"

#include <algorithm>

#include "engine/secret.h"
#include "engine/source_location.h"

namespace cc::engine {

namespace {
constexpr std::size_t kSubstringMinimum = 4;
}  // namespace

SensitiveValues::SensitiveValues(std::vector<std::string> values) : values_(std::move(values)) {
  values_.erase(std::remove(values_.begin(), values_.end(), std::string()), values_.end());
  std::sort(values_.begin(), values_.end(),
            [](const std::string& a, const std::string& b) { return a.size() != b.size() ? a.size() > b.size() : a < b; });
  values_.erase(std::unique(values_.begin(), values_.end()), values_.end());
}

bool SensitiveValues::holdsAny(std::string_view text) const {
  return std::any_of(values_.begin(), values_.end(), [text](const std::string& v) {
    return v.size() < kSubstringMinimum ? text == v : text.find(v) != std::string_view::npos;
  });
}

nlohmann::json SensitiveValues::masked(const nlohmann::json& value, std::vector<std::string>* maskedPointers,
                                       const std::string& base) const {
  if (values_.empty()) return value;
  if (value.is_string()) {
    if (!holdsAny(value.get_ref<const std::string&>())) return value;
    if (maskedPointers) maskedPointers->push_back(base);
    return Secret::kMask;
  }
  if (!value.is_structured()) return value;
  nlohmann::json out = value.is_object() ? nlohmann::json::object() : nlohmann::json::array();
  std::string escaped;
  std::size_t index = 0;
  for (auto it = value.begin(); it != value.end(); ++it, ++index) {
    const std::string child = value.is_object() ? base + "/" + std::string(pointerToken(it.key(), escaped))
                                                : base + "/" + std::to_string(index);
    if (value.is_object()) out[it.key()] = masked(*it, maskedPointers, child);
    else out.push_back(masked(*it, maskedPointers, child));
  }
  return out;
}

std::string SensitiveValues::maskedText(std::string text) const {
  for (const std::string& v : values_) {
    if (v.size() < kSubstringMinimum) {
      if (text == v) return Secret::kMask;
      continue;
    }
    for (auto at = text.find(v); at != std::string::npos; at = text.find(v, at + std::string_view(Secret::kMask).size()))
      text.replace(at, v.size(), Secret::kMask);
  }
  return text;
}

}  // namespace cc::engine
