#include "engine/placeholders.h"

#include <nlohmann/json.hpp>

namespace cc::engine {
namespace {

using nlohmann::json;

bool validName(std::string_view name, bool allowDash) {
  if (name.empty()) return false;
  const char c0 = name[0];
  if (!(std::isalpha(static_cast<unsigned char>(c0)) || c0 == '_')) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (allowDash && c == '-'))) return false;
  return true;
}

/// Rebuilds a document with interpolated keys and values, re-keying the source map.
class DocumentInterpolator {
 public:
  DocumentInterpolator(const SourceMap& old, const InterpolationScope& scope, Diagnostics& diags,
                       InterpolatedDocument& out)
      : old_(old), scope_(scope), diags_(diags), out_(out) {}

  json walk(const json& in, const std::string& oldPtr, const std::string& newPtr) {
    if (auto r = old_.find(oldPtr)) out_.sources.add(newPtr, *r);
    if (in.is_string()) return string(in.get_ref<const std::string&>(), oldPtr, newPtr);
    if (in.is_array()) {
      json out = json::array();
      for (std::size_t i = 0; i < in.size(); ++i) {
        const std::string idx = "/" + std::to_string(i);
        out.push_back(walk(in[i], oldPtr + idx, newPtr + idx));
      }
      return out;
    }
    if (!in.is_object()) return in;
    json out = json::object();
    for (const auto& [key, value] : in.items()) {
      const std::string oldChild = oldPtr + "/" + escapePointerToken(key);
      std::string newKey = key;
      if (containsReference(key) || key.find("$${") != std::string::npos) {
        auto r = interpolate(key, scope_);
        report(r, old_.findKey(oldChild));
        newKey = r.errors.empty() ? r.value : key;
      }
      const std::string newChild = newPtr + "/" + escapePointerToken(newKey);
      if (out.contains(newKey)) {
        diags_.error("key '" + newKey + "' appears twice after interpolation", old_.findKey(oldChild),
                     "make the names differ after ${var.*} and ${env.*} are replaced");
        continue;
      }
      if (auto r = old_.findKey(oldChild)) out_.sources.addKey(newChild, *r);
      out.emplace(newKey, walk(value, oldChild, newChild));
    }
    return out;
  }

 private:
  json string(const std::string& text, const std::string& oldPtr, const std::string& newPtr) {
    if (!containsReference(text) && text.find("$${") == std::string::npos) return text;
    auto r = interpolate(text, scope_);
    report(r, old_.find(oldPtr));
    out_.origins[newPtr] = {text, r.usedEnv};
    return r.errors.empty() ? r.value : text;
  }

  void report(const InterpolatedString& r, std::optional<SourceRange> where) {
    for (const auto& e : r.errors) diags_.error(e, where);
  }

  const SourceMap& old_;
  const InterpolationScope& scope_;
  Diagnostics& diags_;
  InterpolatedDocument& out_;
};

}  // namespace

bool containsReference(std::string_view text) {
  for (std::size_t i = text.find("${"); i != std::string_view::npos; i = text.find("${", i + 2)) {
    if (i == 0 || text[i - 1] != '$') return true;
  }
  return false;
}

InterpolatedString interpolate(std::string_view text, const InterpolationScope& scope) {
  InterpolatedString out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t dollar = text.find('$', i);
    if (dollar == std::string_view::npos || dollar + 1 >= text.size()) {
      out.value.append(text.substr(i));
      break;
    }
    out.value.append(text.substr(i, dollar - i));
    if (text.compare(dollar, 3, "$${") == 0) {  // escaped: a literal "${"
      out.value += "${";
      i = dollar + 3;
      continue;
    }
    if (text[dollar + 1] != '{') {
      out.value += '$';
      i = dollar + 1;
      continue;
    }
    out.hasReference = true;
    const std::size_t close = text.find('}', dollar + 2);
    if (close == std::string_view::npos) {
      out.errors.push_back("unterminated reference '" + std::string(text.substr(dollar, 24)) +
                           "': close it with '}'");
      break;
    }
    const std::string_view inner = text.substr(dollar + 2, close - dollar - 2);
    const std::string ref = "${" + std::string(inner) + "}";
    i = close + 1;
    const std::size_t dot = inner.find('.');
    const std::string_view ns = inner.substr(0, dot);
    const std::string_view name = dot == std::string_view::npos ? std::string_view{} : inner.substr(dot + 1);
    if (ns != "env" && ns != "var") {
      out.errors.push_back("malformed reference '" + ref + "': use ${env.NAME} or ${var.NAME}");
      continue;
    }
    if (!validName(name, ns == "var")) {
      out.errors.push_back("malformed reference '" + ref + "': '" + std::string(name) +
                           "' is not a valid name (letters, digits and '_', not starting with a digit)");
      continue;
    }
    const std::string key(name);
    if (ns == "env") {
      std::optional<std::string> value = scope.env ? scope.env(key) : std::nullopt;
      if (!value) {
        out.errors.push_back("environment variable '" + key + "' is not set (referenced as " + ref + ")");
        continue;
      }
      out.usedEnv = true;
      out.value += *value;
      continue;
    }
    if (auto it = scope.vars.find(key); it != scope.vars.end()) {
      out.value += it->second;
    } else if (scope.declared.count(key)) {
      out.errors.push_back("variable '" + key + "' has no value: give it a default or pass --var " + key +
                           "=VALUE");
    } else {
      out.errors.push_back("variable '" + key + "' is not declared: add it under 'variables' or pass --var " +
                           key + "=VALUE");
    }
  }
  return out;
}

InterpolatedDocument interpolateDocument(json& document, const SourceMap& sources,
                                         const InterpolationScope& scope, Diagnostics& diags) {
  InterpolatedDocument out;
  out.sources.setFile(sources.file());
  DocumentInterpolator walker(sources, scope, diags, out);
  document = walker.walk(document, "", "");
  return out;
}

bool parseVarAssignments(const std::vector<std::string>& assignments, std::map<std::string, std::string>& out,
                         Diagnostics& diags) {
  bool ok = true;
  for (const auto& a : assignments) {
    const auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0 || !validName(std::string_view(a).substr(0, eq), true)) {
      diags.error("--var '" + a.substr(0, eq == std::string::npos ? std::min<std::size_t>(a.size(), 40) : eq) +
                      "' is malformed: expected NAME=VALUE",
                  std::nullopt, "for example --var env=prod");
      ok = false;
      continue;
    }
    out[a.substr(0, eq)] = a.substr(eq + 1);
  }
  return ok;
}

}  // namespace cc::engine
