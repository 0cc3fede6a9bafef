#pragma once
// The one set of lenient member reads of JSON objects (manifests, API responses, imported
// state): a missing member, or one of another type, reads as nullptr, null, {} or "", never
// as an exception.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace cc::engine {

/// `object[key]`, or null when `object` is not an object or has no such member.
inline const nlohmann::json& memberOf(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

/// `object[key]`, or nullptr when `object` is not an object or has no such member.
inline const nlohmann::json* findMember(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

/// `object[key]` when it is a string, else nullptr.
inline const std::string* findString(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* v = findMember(object, key);
  return v != nullptr && v->is_string() ? &v->get_ref<const std::string&>() : nullptr;
}

/// `object[key]` unless it is missing or null, else an empty object: for reads that go on with
/// `.value()` or `.contains()` (which a null would refuse).
inline const nlohmann::json& memberOrEmpty(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  const nlohmann::json* v = findMember(object, key);
  return v == nullptr || v->is_null() ? kEmpty : *v;
}

/// `object[key]` when it is a string, else `fallback`.
inline std::string stringOr(const nlohmann::json& object, const char* key, std::string fallback) {
  const std::string* v = findString(object, key);
  return v != nullptr ? *v : fallback;
}

/// `object[key]` when it is a string, else "".
inline std::string stringOf(const nlohmann::json& object, const char* key) {
  const nlohmann::json& v = memberOf(object, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

}  // namespace cc::engine
