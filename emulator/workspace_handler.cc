// Workspace objects (reference §2, §11.3): mkdirs, import (JSON or multipart), export,
// get-status, list, delete. Paths are accepted with or without the `/Workspace` prefix.
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

// Minimal multipart/form-data reader for the SDK's upload() (reference §2.3).
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

HttpResponse importObject(HttpRequest& request, WorkspaceState& state) {
  std::optional<nlohmann::json> body;
  const std::string contentType = request.header("content-type");
  if (contentType.rfind("multipart/form-data", 0) == 0) {
    body = parseMultipart(contentType, request.body);
  } else {
    body = parseJsonBody(request.body);
  }
  if (!body) return malformedBodyResponse();
  if (!body->contains("path") || !(*body)["path"].is_string()) return invalidParameter("Missing required field: path");
  const std::string shown = (*body)["path"];
  auto path = normalizeWorkspacePath(shown);
  if (!path || *path == "/") return invalidParameter("Path (" + shown + ") is not a valid absolute path");
  const std::string format = body->value("format", "SOURCE");
  if (!contains(kImportFormats, format)) {
    return invalidParameter("Invalid format '" + format + "'; expected one of AUTO, DBC, HTML, JUPYTER, RAW, R_MARKDOWN, SOURCE");
  }
  if (format == "DBC" || format == "HTML" || format == "R_MARKDOWN") {
    return invalidParameter("Import format " + format + " is not supported by workspace-emulator; use SOURCE, AUTO, RAW or JUPYTER");
  }
  std::string language = body->value("language", "");
  if (!language.empty() && !contains(kLanguages, language)) {
    return invalidParameter("Invalid language '" + language + "'; expected one of PYTHON, R, SCALA, SQL");
  }
  const bool overwrite = body->value("overwrite", false);
  auto decoded = base64Decode(body->value("content", ""));
  if (!decoded) return invalidParameter("The content of " + shown + " is not valid base64. Try format AUTO if the content is not a notebook");
  if (static_cast<int64_t>(decoded->size()) > kMaxContentBytes) {
    return errorResponse(400, "MAX_NOTEBOOK_SIZE_EXCEEDED", "File size imported is (" +
                                                                std::to_string(decoded->size()) +
                                                                " bytes), exceeded max size (10485760 bytes)");
  }

  std::string target = *path;
  std::string type = "FILE";
  if (format == "SOURCE") {
    if (language.empty()) return invalidParameter("The language must be set to import " + shown + " as a SOURCE notebook");
    type = "NOTEBOOK";
  } else if (format == "JUPYTER") {
    type = "NOTEBOOK";
    language = language.empty() ? "PYTHON" : language;
    if (extension(target) == "ipynb") target = target.substr(0, target.size() - 6);
  } else if (format == "AUTO") {
    // A notebook header makes a notebook whose name loses its extension; anything else is a file.
    const bool header = decoded->rfind("# Databricks notebook source", 0) == 0 ||
                        decoded->rfind("-- Databricks notebook source", 0) == 0 ||
                        decoded->rfind("// Databricks notebook source", 0) == 0;
    const std::string ext = extension(target);
    if (header && !languageForExtension(ext).empty()) {
      type = "NOTEBOOK";
      language = languageForExtension(ext);
      target = target.substr(0, target.size() - ext.size() - 1);
    }
  }
  if (type == "FILE") language.clear();

  auto lock = state.lock();
  auto& objects = state.data().objects;
  auto parent = objects.find(parentPath(target));
  if (parent == objects.end() || !isContainer(parent->second)) {
    return pathNotFound(parentPath(shown));
  }
  auto existing = objects.find(target);
  const int64_t now = state.nowMs();
  WorkspaceObject object;
  object.objectId = state.newObjectId();
  object.createdAt = now;
  if (existing != objects.end()) {
    if (!overwrite) return errorResponse(400, "RESOURCE_ALREADY_EXISTS", "Path (" + shown + ") already exists.");
    if (existing->second.type != type) {
      return errorResponse(400, "RESOURCE_ALREADY_EXISTS", "Node named '" + baseName(target) + "' already exists");
    }
    object.objectId = existing->second.objectId;
    object.createdAt = existing->second.createdAt;
  }
  object.type = type;
  object.language = language;
  object.contentB64 = base64Encode(*decoded);
  object.size = static_cast<int64_t>(decoded->size());
  object.modifiedAt = now;
  objects[target] = object;
  state.commit();
  return jsonResponse(200, nlohmann::json::object());
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
