// WorkspaceApi: identity, workspace objects and the paging loop. Repos and connections are
// in workspace_api_repos.cc, pipelines in workspace_api_pipelines.cc.
#include "providers/workspace_api.h"

#include <algorithm>
#include <string>

#include "engine/base64.h"

namespace cc::providers {
namespace {

// The export's base64 is one line; a server that wraps it is still read.
std::optional<std::string> decodeExport(std::string text) {
  std::erase_if(text, [](char c) { return c == '\n' || c == '\r'; });
  return engine::base64Decode(text);
}

ObjectInfo objectFrom(const nlohmann::json& j) {
  ObjectInfo o;
  o.objectType = j.value("object_type", "");
  o.path = stripWorkspacePrefix(j.value("path", ""));
  o.language = j.value("language", "");
  o.objectId = j.value("object_id", std::int64_t{0});
  return o;
}

}  // namespace

std::string stripWorkspacePrefix(const std::string& path) {
  if (path == "/Workspace") return "/";
  if (path.rfind("/Workspace/", 0) == 0) return path.substr(10);
  return path;
}

WorkspaceApi::WorkspaceApi(std::shared_ptr<WorkspaceClient> client) : client_(std::move(client)) {}

ApiResult<std::vector<nlohmann::json>> WorkspaceApi::paged(ApiCall c, const std::string& tokenParam,
                                                           const std::string& itemsField, int maxPages) {
  std::vector<nlohmann::json> items;
  const QueryParams base = c.query;
  std::string token;
  for (int page = 0; page < maxPages; ++page) {
    c.query = base;
    if (!token.empty()) c.query.emplace_back(tokenParam, token);
    auto r = client_->call(c);
    if (!r) return r.error();
    const auto& j = r.value();
    // A missing array is an empty page; only a missing token ends the listing.
    if (j.contains(itemsField) && j[itemsField].is_array())
      for (const auto& item : j[itemsField]) items.push_back(item);
    const auto next = j.value("next_page_token", std::string());
    if (next.empty() || next == token) break;
    token = next;
  }
  return items;
}

ApiResult<nlohmann::json> WorkspaceApi::me() { return call({"GET", "/api/2.0/preview/scim/v2/Me", {}, {}, {}}); }

ApiResult<std::string> WorkspaceApi::currentUserName() {
  auto r = me();
  if (!r) return r.error();
  const std::string name = r->value("userName", "");
  if (name.empty())
    return localError(ApiErrorKind::Decode, "current user has no userName", "GET", "/api/2.0/preview/scim/v2/Me");
  return name;
}

ApiStatus WorkspaceApi::mkdirs(const std::string& path) {
  auto r = call({"POST", "/api/2.0/workspace/mkdirs", {}, nlohmann::json{{"path", path}}, RetrySafety::Idempotent});
  if (!r) return r.error();
  return apiOk();
}

ApiStatus WorkspaceApi::importFile(const std::string& path, const std::string& content, const std::string& format,
                                   const std::string& language, bool overwrite) {
  nlohmann::json body{{"path", path}, {"content", engine::base64Encode(content)}, {"format", format}};
  if (!language.empty()) body["language"] = language;
  body["overwrite"] = overwrite;
  // With overwrite a repeat writes the same bytes; without it a repeat fails visibly.
  auto r = call({"POST", "/api/2.0/workspace/import", {}, body,
                 overwrite ? RetrySafety::Idempotent : RetrySafety::NotIdempotent});
  if (!r) return r.error();
  return apiOk();
}

ApiResult<ExportedFile> WorkspaceApi::exportFile(const std::string& path, const std::string& format) {
  auto r = call({"GET", "/api/2.0/workspace/export", {{"path", path}, {"format", format}}, {}, {}});
  if (!r) return r.error();
  auto bytes = decodeExport(r->value("content", ""));
  if (!bytes) return localError(ApiErrorKind::Decode, "export content is not base64", "GET", "/api/2.0/workspace/export");
  return ExportedFile{*bytes};
}

ApiResult<ObjectInfo> WorkspaceApi::getStatus(const std::string& path) {
  auto r = call({"GET", "/api/2.0/workspace/get-status", {{"path", path}}, {}, {}});
  if (!r) return r.error();
  return objectFrom(r.value());
}

ApiResult<std::optional<ObjectInfo>> WorkspaceApi::findStatus(const std::string& path) {
  auto r = getStatus(path);
  if (r) return std::optional<ObjectInfo>(r.value());
  if (r.error().isNotFound()) return std::optional<ObjectInfo>();
  return r.error();
}

ApiResult<std::vector<ObjectInfo>> WorkspaceApi::list(const std::string& path) {
  auto r = call({"GET", "/api/2.0/workspace/list", {{"path", path}}, {}, {}});
  if (!r) return r.error();
  std::vector<ObjectInfo> out;
  if (r->contains("objects") && (*r)["objects"].is_array())
    for (const auto& o : (*r)["objects"]) out.push_back(objectFrom(o));
  return out;
}

ApiStatus WorkspaceApi::deletePath(const std::string& path, bool recursive) {
  nlohmann::json body{{"path", path}};
  if (recursive) body["recursive"] = true;
  auto r = call({"POST", "/api/2.0/workspace/delete", {}, body, RetrySafety::Idempotent});
  if (!r) return r.error();
  return apiOk();
}

std::string encodePathSegment(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace cc::providers
