// Workspace objects: mkdirs, import (JSON or multipart), export, get-status, list, delete.
// Paths are accepted with or without the `/Workspace` prefix.
#include <algorithm>

#include "emulator/base64.h"
#include "emulator/handlers.h"
#include "emulator/router.h"
#include "emulator/workspace_state.h"
#include "emulator/workspace_tree.h"

namespace cc::emulator {

namespace {

constexpr int64_t kMaxContentBytes = 10 * 1024 * 1024;
const std::vector<std::string> kImportFormats = {"AUTO", "DBC", "HTML", "JUPYTER", "RAW", "R_MARKDOWN", "SOURCE"};
const std::vector<std::string> kLanguages = {"PYTHON", "R", "SCALA", "SQL"};

HttpResponse pathNotFound(const std::string& shown) {
  return errorResponse(404, "RESOURCE_DOES_NOT_EXIST", "Path (" + shown + ") doesn't exist.");
}

bool contains(const std::vector<std::string>& allowed, const std::string& value) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

std::string extension(const std::string& path) {
  const std::string name = baseName(path);
  const size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? "" : name.substr(dot + 1);
}

std::string languageForExtension(const std::string& ext) {
  if (ext == "py") return "PYTHON";
  if (ext == "sql") return "SQL";
  if (ext == "scala") return "SCALA";
  if (ext == "r" || ext == "R") return "R";
  return "";
}

// Minimal multipart/form-data reader for the SDK's upload(), which imports that way.
std::optional<nlohmann::json> parseMultipart(const std::string& contentType, const std::string& body) {
  const size_t at = contentType.find("boundary=");
  if (at == std::string::npos) return std::nullopt;
  std::string boundary = contentType.substr(at + 9);
  if (!boundary.empty() && boundary.front() == '"') boundary = boundary.substr(1, boundary.find('"', 1) - 1);
  boundary = boundary.substr(0, boundary.find(';'));
  const std::string delimiter = "--" + boundary;
  nlohmann::json fields = nlohmann::json::object();
  size_t pos = body.find(delimiter);
  while (pos != std::string::npos) {
    pos += delimiter.size();
    if (body.compare(pos, 2, "--") == 0) break;
    const size_t headerEnd = body.find("\r\n\r\n", pos);
    if (headerEnd == std::string::npos) return std::nullopt;
    const std::string headers = body.substr(pos, headerEnd - pos);
    const size_t next = body.find("\r\n" + delimiter, headerEnd + 4);
    if (next == std::string::npos) return std::nullopt;
    const std::string value = body.substr(headerEnd + 4, next - headerEnd - 4);
    const size_t nameAt = headers.find("name=\"");
    if (nameAt != std::string::npos) {
      const std::string name = headers.substr(nameAt + 6, headers.find('"', nameAt + 6) - nameAt - 6);
      fields[name] = name == "content" ? base64Encode(value) : value;
    }
    pos = next + 2;
  }
  if (fields.contains("overwrite")) fields["overwrite"] = fields["overwrite"] == "true";
  return fields;
}

HttpResponse mkdirs(HttpRequest& request, WorkspaceState& state) {
  auto body = parseJsonBody(request.body);
  if (!body) return malformedBodyResponse();
  if (!body->contains("path") || !(*body)["path"].is_string()) return invalidParameter("Missing required field: path");
  const std::string shown = (*body)["path"];
  auto path = normalizeWorkspacePath(shown);
  if (!path) return invalidParameter("Path (" + shown + ") is not an absolute path");
  auto lock = state.lock();
  auto& objects = state.data().objects;
  std::vector<std::string> chain;
  for (std::string p = *path; p != "/"; p = parentPath(p)) chain.push_back(p);
  std::reverse(chain.begin(), chain.end());
  bool changed = false;
  for (const std::string& p : chain) {
    auto it = objects.find(p);
    if (it != objects.end()) {
      if (!isContainer(it->second)) {
        return errorResponse(400, "RESOURCE_ALREADY_EXISTS",
                             "Path (" + p + ") already exists and it is not a folder.");
      }
      continue;
    }
    WorkspaceObject dir;
    dir.type = "DIRECTORY";
    dir.objectId = state.newObjectId();
    dir.createdAt = dir.modifiedAt = state.nowMs();
    objects[p] = dir;
    changed = true;
  }
  if (changed) state.commit();
  return jsonResponse(200, nlohmann::json::object());
}

// An import request whose fields have been checked.
struct ImportSpec {
  std::string shown;   // the path as the client wrote it, for messages
  std::string target;  // the normalised path of the node to write
  std::string format;
  std::string language;
  std::string type = "FILE";
  bool overwrite = false;
  std::string content;  // decoded bytes
};

// The SDK's upload() sends multipart/form-data; everything else sends JSON.
std::optional<nlohmann::json> importBody(const HttpRequest& request) {
  const std::string contentType = request.header("content-type");
  if (contentType.rfind("multipart/form-data", 0) == 0) return parseMultipart(contentType, request.body);
  return parseJsonBody(request.body);
}

// Fills `spec` from the body; the error answer when a field is missing or wrong.
std::optional<HttpResponse> readImportSpec(const nlohmann::json& body, ImportSpec& spec) {
  if (!body.contains("path") || !body["path"].is_string()) return invalidParameter("Missing required field: path");
  spec.shown = body["path"];
  auto path = normalizeWorkspacePath(spec.shown);
  if (!path || *path == "/") return invalidParameter("Path (" + spec.shown + ") is not a valid absolute path");
  spec.target = *path;
  spec.format = body.value("format", "SOURCE");
  if (!contains(kImportFormats, spec.format)) {
    return invalidParameter("Invalid format '" + spec.format +
                            "'; expected one of AUTO, DBC, HTML, JUPYTER, RAW, R_MARKDOWN, SOURCE");
  }
  if (spec.format == "DBC" || spec.format == "HTML" || spec.format == "R_MARKDOWN") {
    return invalidParameter("Import format " + spec.format +
                            " is not supported by workspace-emulator; use SOURCE, AUTO, RAW or JUPYTER");
  }
  spec.language = body.value("language", "");
  if (!spec.language.empty() && !contains(kLanguages, spec.language)) {
    return invalidParameter("Invalid language '" + spec.language + "'; expected one of PYTHON, R, SCALA, SQL");
  }
  spec.overwrite = body.value("overwrite", false);
  auto decoded = base64Decode(body.value("content", ""));
  if (!decoded) {
    return invalidParameter("The content of " + spec.shown +
                            " is not valid base64. Try format AUTO if the content is not a notebook");
  }
  if (static_cast<int64_t>(decoded->size()) > kMaxContentBytes) {
    return errorResponse(400, "MAX_NOTEBOOK_SIZE_EXCEEDED", "File size imported is (" +
                                                                std::to_string(decoded->size()) +
                                                                " bytes), exceeded max size (10485760 bytes)");
  }
  spec.content = std::move(*decoded);
  return std::nullopt;
}

// Whether the import makes a notebook or a file, and under which name: SOURCE and JUPYTER make
// notebooks, AUTO makes one only for content with a notebook header (the name then loses its
// extension), anything else makes a file.
std::optional<HttpResponse> decideNodeType(ImportSpec& spec) {
  if (spec.format == "SOURCE") {
    if (spec.language.empty()) {
      return invalidParameter("The language must be set to import " + spec.shown + " as a SOURCE notebook");
    }
    spec.type = "NOTEBOOK";
  } else if (spec.format == "JUPYTER") {
    spec.type = "NOTEBOOK";
    spec.language = spec.language.empty() ? "PYTHON" : spec.language;
    if (extension(spec.target) == "ipynb") spec.target = spec.target.substr(0, spec.target.size() - 6);
  } else if (spec.format == "AUTO") {
    const bool header = spec.content.rfind("# Databricks notebook source", 0) == 0 ||
                        spec.content.rfind("-- Databricks notebook source", 0) == 0 ||
                        spec.content.rfind("// Databricks notebook source", 0) == 0;
    const std::string ext = extension(spec.target);
    if (header && !languageForExtension(ext).empty()) {
      spec.type = "NOTEBOOK";
      spec.language = languageForExtension(ext);
      spec.target = spec.target.substr(0, spec.target.size() - ext.size() - 1);
    }
  }
  if (spec.type == "FILE") spec.language.clear();
  return std::nullopt;
}

// Writes the node; an overwrite keeps the node's id and creation time.
HttpResponse storeImport(WorkspaceState& state, const ImportSpec& spec) {
  auto lock = state.lock();
  auto& objects = state.data().objects;
  auto parent = objects.find(parentPath(spec.target));
  if (parent == objects.end() || !isContainer(parent->second)) {
    return pathNotFound(parentPath(spec.shown));
  }
  auto existing = objects.find(spec.target);
  const int64_t now = state.nowMs();
  WorkspaceObject object;
  object.objectId = state.newObjectId();
  object.createdAt = now;
  if (existing != objects.end()) {
    if (!spec.overwrite) {
      return errorResponse(400, "RESOURCE_ALREADY_EXISTS", "Path (" + spec.shown + ") already exists.");
    }
    if (existing->second.type != spec.type) {
      return errorResponse(400, "RESOURCE_ALREADY_EXISTS", "Node named '" + baseName(spec.target) + "' already exists");
    }
    object.objectId = existing->second.objectId;
    object.createdAt = existing->second.createdAt;
  }
  object.type = spec.type;
  object.language = spec.language;
  object.contentB64 = base64Encode(spec.content);
  object.size = static_cast<int64_t>(spec.content.size());
  object.modifiedAt = now;
  objects[spec.target] = object;
  state.commit();
  return jsonResponse(200, nlohmann::json::object());
}

HttpResponse importObject(HttpRequest& request, WorkspaceState& state) {
  const std::optional<nlohmann::json> body = importBody(request);
  if (!body) return malformedBodyResponse();
  ImportSpec spec;
  if (auto error = readImportSpec(*body, spec)) return *error;
  if (auto error = decideNodeType(spec)) return *error;
  return storeImport(state, spec);
}

std::optional<std::string> pathQuery(HttpRequest& request, std::string& shown, HttpResponse& error) {
  auto value = request.queryValue("path");
  if (!value) {
    error = invalidParameter("Missing required field: path");
    return std::nullopt;
  }
  shown = *value;
  auto path = normalizeWorkspacePath(shown);
  if (!path) error = invalidParameter("Path (" + shown + ") is not an absolute path");
  return path;
}

HttpResponse getStatus(HttpRequest& request, WorkspaceState& state) {
  std::string shown;
  HttpResponse error;
  auto path = pathQuery(request, shown, error);
  if (!path) return error;
  auto lock = state.lock();
  auto it = state.data().objects.find(*path);
  if (it == state.data().objects.end()) return pathNotFound(shown);
  return jsonResponse(200, objectInfo(it->first, it->second));
}

HttpResponse listObjects(HttpRequest& request, WorkspaceState& state) {
  std::string shown;
  HttpResponse error;
  auto path = pathQuery(request, shown, error);
  if (!path) return error;
  int64_t modifiedAfter = -1;
  if (auto after = request.queryValue("notebooks_modified_after")) {
    try {
      modifiedAfter = std::stoll(*after);
    } catch (const std::exception&) {
      return invalidParameter("notebooks_modified_after must be epoch milliseconds");
    }
  }
  auto lock = state.lock();
  const auto& objects = state.data().objects;
  auto it = objects.find(*path);
  if (it == objects.end()) return pathNotFound(shown);
  nlohmann::json items = nlohmann::json::array();
  if (!isContainer(it->second)) {
    items.push_back(objectInfo(it->first, it->second));
  } else {
    for (const std::string& child : childPaths(state.data(), *path)) {
      const WorkspaceObject& object = objects.at(child);
      if (modifiedAfter >= 0 && object.type == "NOTEBOOK" && object.modifiedAt <= modifiedAfter) continue;
      items.push_back(objectInfo(child, object));
    }
  }
  nlohmann::json body = nlohmann::json::object();
  if (!items.empty()) body["objects"] = items;
  return jsonResponse(200, body);
}

HttpResponse exportObject(HttpRequest& request, WorkspaceState& state) {
  std::string shown;
  HttpResponse error;
  auto path = pathQuery(request, shown, error);
  if (!path) return error;
  const std::string format = request.queryValue("format").value_or("SOURCE");
  if (!contains(kImportFormats, format)) return invalidParameter("Invalid format '" + format + "'");
  auto lock = state.lock();
  auto it = state.data().objects.find(*path);
  if (it == state.data().objects.end()) return pathNotFound(shown);
  const WorkspaceObject& object = it->second;
  if (isContainer(object)) {
    return invalidParameter("Exporting the folder " + shown + " is not supported by workspace-emulator");
  }
  if (request.queryValue("direct_download").value_or("false") == "true") {
    HttpResponse raw;
    raw.contentType = "application/octet-stream";
    raw.body = base64Decode(object.contentB64).value_or("");
    return raw;
  }
  std::string fileType = extension(*path);
  if (object.type == "NOTEBOOK") {
    fileType = object.language == "PYTHON" ? "py" : object.language == "SQL" ? "sql"
              : object.language == "SCALA" ? "scala" : "r";
  }
  nlohmann::json body = {{"content", object.contentB64}};
  if (!fileType.empty()) body["file_type"] = fileType;
  return jsonResponse(200, body);
}

HttpResponse removeObject(HttpRequest& request, WorkspaceState& state) {
  auto body = parseJsonBody(request.body);
  if (!body) return malformedBodyResponse();
  if (!body->contains("path") || !(*body)["path"].is_string()) return invalidParameter("Missing required field: path");
  const std::string shown = (*body)["path"];
  auto path = normalizeWorkspacePath(shown);
  if (!path) return invalidParameter("Path (" + shown + ") is not an absolute path");
  if (*path == "/") return invalidParameter("The root folder cannot be deleted");
  const bool recursive = body->value("recursive", false);
  auto lock = state.lock();
  auto& data = state.data();
  auto it = data.objects.find(*path);
  if (it == data.objects.end()) return pathNotFound(shown);
  if (it->second.type == "DIRECTORY" && !recursive && !childPaths(data, *path).empty()) {
    return errorResponse(400, "DIRECTORY_NOT_EMPTY", "Folder (" + shown + ") is not empty");
  }
  removeSubtree(data, *path);
  state.commit();
  return jsonResponse(200, nlohmann::json::object());
}

}  // namespace

void registerWorkspaceRoutes(Router& router, WorkspaceState& state) {
  const std::string base = "/api/2.0/workspace/";
  router.add("POST", base + "mkdirs", "workspace", [&state](HttpRequest& r) { return mkdirs(r, state); });
  router.add("POST", base + "import", "workspace", [&state](HttpRequest& r) { return importObject(r, state); });
  router.add("GET", base + "export", "workspace", [&state](HttpRequest& r) { return exportObject(r, state); });
  router.add("GET", base + "get-status", "workspace", [&state](HttpRequest& r) { return getStatus(r, state); });
  router.add("GET", base + "list", "workspace", [&state](HttpRequest& r) { return listObjects(r, state); });
  router.add("POST", base + "delete", "workspace", [&state](HttpRequest& r) { return removeObject(r, state); });
}

}  // namespace cc::emulator
