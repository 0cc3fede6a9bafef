#pragma once
// Values from sensitive sources (${env.*}, `sensitive: true` variables) that landed outside
// connection options: sent as they are, shown nowhere. Sensitivity follows the value, as in
// Terraform: any string that holds one is shown whole as "(sensitive)".

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace cc::engine {

class SensitiveValues {
 public:
  SensitiveValues() = default;
  explicit SensitiveValues(std::vector<std::string> values);

  bool empty() const { return values_.empty(); }
  const std::vector<std::string>& values() const { return values_; }

  /// Whether `text` holds one of the values. Values shorter than 4 characters count only when
  /// they are the whole text: "1" must not hide every string with a digit in it.
  bool holdsAny(std::string_view text) const;

  /// `value` with every string (keys excepted) that holds a sensitive value replaced by
  /// "(sensitive)"; JSON pointers of what was replaced are appended to `masked` (under `base`).
  nlohmann::json masked(const nlohmann::json& value, std::vector<std::string>* maskedPointers = nullptr,
                        const std::string& base = "") const;

  /// `text` with each occurrence of a sensitive value replaced by "(sensitive)", for prose
  /// (warnings, notes) where the rest of the sentence is worth keeping.
  std::string maskedText(std::string text) const;

 private:
  std::vector<std::string> values_;  // longest first, so a value inside another is not half-masked
};

}  // namespace cc::engine
