#include "engine/schema_validator.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "engine/did_you_mean.h"
#include "engine/embedded_schemas.h"

namespace cc::engine {
namespace {

using nlohmann::json;

std::vector<std::string> splitPointer(const std::string& pointer) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < pointer.size()) {
    std::size_t next = pointer.find('/', i + 1);
    if (next == std::string::npos) next = pointer.size();
    std::string t = pointer.substr(i + 1, next - i - 1);
    std::string out;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (t[k] == '~' && k + 1 < t.size()) {
        out += t[k + 1] == '1' ? '/' : '~';
        ++k;
      } else {
        out += t[k];
      }
    }
    tokens.push_back(std::move(out));
    i = next;
  }
  return tokens;
}

bool allDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string typeName(const json& v) {
  switch (v.type()) {
    case json::value_t::object: return "a mapping";
    case json::value_t::array: return "a list";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer";
    case json::value_t::number_float: return "a number";
    case json::value_t::null: return "empty (null)";
    default: return "a value";
  }
}

std::string schemaTypeName(const std::string& t) {
  if (t == "object") return "a mapping";
  if (t == "array") return "a list";
  if (t == "integer") return "an integer";
  if (t == "null") return "null";
  return "a " + t;
}

std::string quoted(const std::string& path) { return path.empty() ? "the document" : "'" + path + "'"; }

}  // namespace

std::string displayPath(const std::string& pointer) {
  std::string out;
  for (const auto& t : splitPointer(pointer)) {
    if (allDigits(t) && !out.empty()) out += "[" + t + "]";
    else out += (out.empty() ? "" : ".") + t;
  }
  return out;
}

struct SchemaValidator::Impl {
  json schemaDoc;
  valijson::Schema schema;

  const json* resolve(const json* node) const {
    for (int guard = 0; node && node->is_object() && node->contains("$ref") && guard < 16; ++guard) {
      const auto& ref = (*node)["$ref"].get_ref<const std::string&>();
      if (ref.rfind("#", 0) != 0) return nullptr;
      const json::json_pointer p(ref.substr(1));
      node = schemaDoc.contains(p) ? &schemaDoc.at(p) : nullptr;
    }
    return node;
  }

  // The subschema that governs the node at `tokens` (following properties,
  // additionalProperties and items), or null where the schema says nothing.
  const json* schemaAt(const std::vector<std::string>& tokens) const {
    const json* node = resolve(&schemaDoc);
    for (const auto& t : tokens) {
      if (!node || !node->is_object()) return nullptr;
      if (auto p = node->find("properties"); p != node->end() && p->contains(t)) {
        node = resolve(&(*p)[t]);
      } else if (auto a = node->find("additionalProperties"); a != node->end() && a->is_object()) {
        node = resolve(&*a);
      } else if (auto it = node->find("items"); it != node->end() && it->is_object() && allDigits(t)) {
        node = resolve(&*it);
      } else {
        return nullptr;
      }
    }
    return node;
  }

  std::string expectedType(const std::string& pointer) const {
    const json* s = schemaAt(splitPointer(pointer));
    if (!s || !s->contains("type")) return "another type";
    const json& t = (*s)["type"];
    if (t.is_string()) return schemaTypeName(t.get<std::string>());
    std::string out;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (i) out += i + 1 == t.size() ? " or " : ", ";
      out += schemaTypeName(t[i].get<std::string>());
    }
    return out;
  }

  void unknownKeys(const json* schema, const json& doc, const std::string& ptr, const SourceMap& sources,
                   Diagnostics& diags, const SchemaCheckOptions& options) const {
    schema = resolve(schema);
    if (!schema || !schema->is_object()) return;
    if (doc.is_array()) {
      auto items = schema->find("items");
      if (items == schema->end() || !items->is_object()) return;
      for (std::size_t i = 0; i < doc.size(); ++i)
        unknownKeys(&*items, doc[i], ptr + "/" + std::to_string(i), sources, diags, options);
      return;
    }
    if (!doc.is_object()) return;
    const json empty = json::object();
    auto p = schema->find("properties");
    const json& props = p == schema->end() ? empty : *p;
    auto a = schema->find("additionalProperties");
    for (const auto& [key, value] : doc.items()) {
      const std::string child = ptr + "/" + escapePointerToken(key);
      if (options.ignore && options.ignore(child)) continue;
      if (props.contains(key)) {
        unknownKeys(&props[key], value, child, sources, diags, options);
      } else if (a != schema->end() && a->is_object()) {
        unknownKeys(&*a, value, child, sources, diags, options);
      } else if (a != schema->end() && a->is_boolean() && !a->get<bool>()) {
        std::vector<std::string> known;
        for (const auto& [k, v] : props.items()) known.push_back(k);
        std::string summary = "unknown key '" + key + "'" + (ptr.empty() ? "" : " in " + quoted(displayPath(ptr)));
        if (auto close = closestMatch(key, known)) summary += "; did you mean '" + *close + "'?";
        std::string detail = "known keys: ";
        for (std::size_t i = 0; i < known.size(); ++i) detail += (i ? ", " : "") + known[i];
        if (options.unknownKeysAreWarnings) diags.warning(std::move(summary), sources.findKey(child), std::move(detail));
        else diags.error(std::move(summary), sources.findKey(child), std::move(detail));
      }
    }
  }

  void translate(const valijson::ValidationResults::Error& e, const json& document, const SourceMap& sources,
                 Diagnostics& diags, const SchemaCheckOptions& options) const {
    const std::string& d = e.description;
    if (d.rfind("Failed to validate", 0) == 0 || d.rfind("Object contains a property", 0) == 0) return;
    // valijson's context is "<root>" then "[token]" per level.
    std::string pointer;
    for (std::size_t i = 1; i < e.context.size(); ++i) {
      const std::string& c = e.context[i];
      pointer += "/" + escapePointerToken(c.size() >= 2 ? c.substr(1, c.size() - 2) : c);
    }
    if (options.ignore && options.ignore(pointer)) return;
    const std::string path = displayPath(pointer);
    const json::json_pointer jp(pointer);
    const json* value = document.contains(jp) ? &document.at(jp) : nullptr;
    if (d.rfind("Value type not permitted", 0) == 0) {
      diags.error(quoted(path) + " must be " + expectedType(pointer) + ", not " + (value ? typeName(*value) : "this"),
                  sources.find(pointer));
    } else if (d.rfind("Missing required property '", 0) == 0) {
      const std::string key = d.substr(27, d.rfind('\'') - 27);
      diags.error((path.empty() ? std::string("the manifest") : quoted(path)) + " is missing the required key '" +
                      key + "'",
                  pointer.empty() ? sources.find("") : sources.findKey(pointer));
    } else if (d.rfind("Failed to match against any enum values", 0) == 0) {
      const json* s = schemaAt(splitPointer(pointer));
      std::string allowed;
      if (s && s->contains("enum"))
        for (const auto& v : (*s)["enum"]) allowed += (allowed.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
      diags.error(quoted(path) + " must be one of: " + allowed + (value && value->is_string() ? ", not '" + value->get<std::string>() + "'" : ""),
                  sources.find(pointer));
    } else if (d.rfind("String should be no fewer than 1 ", 0) == 0 ||
               d.rfind("Array should contain no fewer than 1 ", 0) == 0) {
      diags.error(quoted(path) + " must not be empty", sources.find(pointer));
    } else {
      std::string text = d;
      if (!text.empty() && text.back() == '.') text.pop_back();
      if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
      diags.error(quoted(path) + ": " + text, sources.find(pointer));
    }
  }
};

SchemaValidator::SchemaValidator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SchemaValidator::~SchemaValidator() = default;

Result<std::shared_ptr<const SchemaValidator>> SchemaValidator::compile(std::string_view schemaText) {
  using R = Result<std::shared_ptr<const SchemaValidator>>;
  auto impl = std::make_unique<Impl>();
  impl->schemaDoc = json::parse(schemaText.begin(), schemaText.end(), nullptr, false);
  if (impl->schemaDoc.is_discarded()) return R::failure("internal error: a compiled-in schema is not valid JSON");
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(impl->schemaDoc);
    parser.populateSchema(adapter, impl->schema);
  } catch (const std::exception& e) {
    return R::failure(std::string("internal error: a compiled-in schema does not compile: ") + e.what());
  }
  return std::shared_ptr<const SchemaValidator>(new SchemaValidator(std::move(impl)));
}

const SchemaValidator& SchemaValidator::manifest() {
  static const std::shared_ptr<const SchemaValidator> kManifest = [] {
    auto r = compile(manifestSchemaText());
    return r.ok() ? r.value() : nullptr;
  }();
  return *kManifest;  // the schema is compiled in and covered by tests: it always compiles
}

const SchemaValidator& SchemaValidator::configDefaults() {
  static const std::shared_ptr<const SchemaValidator> kDefaults = [] {
    const json manifest = json::parse(manifestSchemaText());
    json schema = manifest.at("properties").at("defaults");
    schema["definitions"] = manifest.at("definitions");  // its $refs point at #/definitions
    auto r = compile(schema.dump());
    return r.ok() ? r.value() : nullptr;
  }();
  return *kDefaults;  // derived from the compiled-in schema, covered by tests: it always compiles
}

void SchemaValidator::validate(const json& document, const SourceMap& sources, Diagnostics& diags,
                               const SchemaCheckOptions& options) const {
  impl_->unknownKeys(&impl_->schemaDoc, document, "", sources, diags, options);
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(document);
  try {
    validator.validate(impl_->schema, adapter, &results);
  } catch (const std::exception& e) {
    diags.error(std::string("internal error while checking the schema: ") + e.what());
    return;
  }
  std::set<std::pair<std::string, std::string>> seen;  // valijson may repeat a leaf error
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string key;
    for (const auto& c : error.context) key += c;
    if (!seen.insert({key, error.description}).second) continue;
    impl_->translate(error, document, sources, diags, options);
  }
}

}  // namespace cc::engine
