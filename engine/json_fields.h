#pragma once
// Lenient reads of JSON objects that came from outside (API responses, imported state): a
// missing member or one of another type reads as null or "", never as an exception.

#include <nlohmann/json.hpp>
#include <string>

namespace cc::engine {

/// `object[key]`, or null when `object` is not an object or has no such member.
inline const nlohmann::json& memberOf(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

/// `object[key]` when it is a string, else "".
inline std::string stringOf(const nlohmann::json& object, const char* key) {
  const nlohmann::json& v = memberOf(object, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

}  // namespace cc::engine
