#include "emulator/emulator_fixture.h"

namespace cc::emulator::test {
namespace {

const std::string kHome = "/Users/alice@example.com";

using WorkspaceTest = EmulatorFixture;

TEST_F(WorkspaceTest, MkdirsCreatesParentsAndIsIdempotent) {
  EXPECT_EQ(client_->post("/api/2.0/workspace/mkdirs", {{"path", kHome + "/a/b/c"}}).json, nlohmann::json::object());
  EXPECT_EQ(client_->post("/api/2.0/workspace/mkdirs", {{"path", "/Workspace" + kHome + "/a/b/c"}}).status, 200);
  TestResponse status = client_->get("/api/2.0/workspace/get-status?path=" + kHome + "/a/b");
  ASSERT_EQ(status.status, 200);
  EXPECT_EQ(status.json["object_type"], "DIRECTORY");
  EXPECT_EQ(status.json["path"], kHome + "/a/b");
  EXPECT_TRUE(status.json["object_id"].is_number_integer());
}

TEST_F(WorkspaceTest, MkdirsOverAFileIsAlreadyExists) {
  ASSERT_EQ(client_->post("/api/2.0/workspace/import", {{"path", kHome + "/f"}, {"format", "RAW"}, {"content", base64("x")}}).status, 200);
  TestResponse response = client_->post("/api/2.0/workspace/mkdirs", {{"path", kHome + "/f/sub"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.json["error_code"], "RESOURCE_ALREADY_EXISTS");
}

TEST_F(WorkspaceTest, ImportSourceMakesANotebookAndRespectsOverwrite) {
  const std::string path = kHome + "/ingest.py";
  nlohmann::json body = {{"path", path}, {"format", "SOURCE"}, {"language", "PYTHON"}, {"content", base64("print(1)\n")}};
  ASSERT_EQ(client_->post("/api/2.0/workspace/import", body).status, 200);
  TestResponse again = client_->post("/api/2.0/workspace/import", body);
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.json["error_code"], "RESOURCE_ALREADY_EXISTS");
  EXPECT_EQ(again.json["message"], "Path (" + path + ") already exists.");
  body["overwrite"] = true;
  body["content"] = base64("print(2)\n");
  ASSERT_EQ(client_->post("/api/2.0/workspace/import", body).status, 200);
  TestResponse status = client_->get("/api/2.0/workspace/get-status?path=" + path);
  EXPECT_EQ(status.json["object_type"], "NOTEBOOK");
  EXPECT_EQ(status.json["language"], "PYTHON");
  TestResponse exported = client_->get("/api/2.0/workspace/export?path=" + path);
  EXPECT_EQ(exported.json["content"], base64("print(2)\n"));
  EXPECT_EQ(exported.json["file_type"], "py");
  TestResponse raw = client_->get("/api/2.0/workspace/export?path=" + path + "&direct_download=true");
  EXPECT_EQ(raw.body, "print(2)\n");
}

TEST_F(WorkspaceTest, ImportAutoDetectsNotebookHeader) {
  ASSERT_EQ(client_->post("/api/2.0/workspace/import",
                          {{"path", kHome + "/nb.py"}, {"format", "AUTO"}, {"overwrite", true},
                           {"content", base64("# Databricks notebook source\nprint(1)\n")}}).status, 200);
  EXPECT_EQ(client_->get("/api/2.0/workspace/get-status?path=" + kHome + "/nb").json["object_type"], "NOTEBOOK");
  EXPECT_EQ(client_->get("/api/2.0/workspace/get-status?path=" + kHome + "/nb.py").status, 404);
  ASSERT_EQ(client_->post("/api/2.0/workspace/import",
                          {{"path", kHome + "/lib.py"}, {"format", "AUTO"}, {"content", base64("x = 1\n")}}).status, 200);
  TestResponse file = client_->get("/api/2.0/workspace/get-status?path=" + kHome + "/lib.py");
  EXPECT_EQ(file.json["object_type"], "FILE");
  EXPECT_EQ(file.json["size"], 6);
}

TEST_F(WorkspaceTest, ImportKindConflictAndMissingParentAndBadInput) {
  ASSERT_EQ(client_->post("/api/2.0/workspace/import", {{"path", kHome + "/k"}, {"format", "RAW"}, {"content", base64("x")}}).status, 200);
  TestResponse kind = client_->post("/api/2.0/workspace/import", {{"path", kHome + "/k"}, {"format", "SOURCE"}, {"language", "SQL"},
                                                                  {"overwrite", true}, {"content", base64("select 1")}});
  EXPECT_EQ(kind.status, 400);
  EXPECT_EQ(kind.json["message"], "Node named 'k' already exists");
  TestResponse parent = client_->post("/api/2.0/workspace/import", {{"path", kHome + "/none/x.py"}, {"format", "RAW"}, {"content", base64("x")}});
  EXPECT_EQ(parent.status, 404);
  EXPECT_EQ(parent.json["error_code"], "RESOURCE_DOES_NOT_EXIST");
  EXPECT_EQ(parent.json["message"], "Path (" + kHome + "/none) doesn't exist.");
  EXPECT_EQ(client_->post("/api/2.0/workspace/import", {{"path", kHome + "/y"}, {"format", "NOPE"}}).status, 400);
  EXPECT_EQ(client_->post("/api/2.0/workspace/import", {{"path", kHome + "/y"}, {"format", "RAW"}, {"content", "***"}}).status, 400);
  EXPECT_EQ(client_->post("/api/2.0/workspace/import", {{"path", kHome + "/y"}, {"format", "SOURCE"}, {"content", base64("x")}}).status, 400);
}

TEST_F(WorkspaceTest, ImportAcceptsMultipart) {
  const std::string boundary = "XyZ";
  const std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\n" + kHome + "/m.txt\r\n"
                           "--XyZ\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nRAW\r\n"
                           "--XyZ\r\nContent-Disposition: form-data; name=\"overwrite\"\r\n\r\ntrue\r\n"
                           "--XyZ\r\nContent-Disposition: form-data; name=\"content\"; filename=\"m.txt\"\r\n"
                           "Content-Type: application/octet-stream\r\n\r\nhello\r\n--XyZ--\r\n";
  ASSERT_EQ(client_->send("POST", "/api/2.0/workspace/import", body, "multipart/form-data; boundary=" + boundary).status, 200);
  EXPECT_EQ(client_->get("/api/2.0/workspace/export?path=" + kHome + "/m.txt&direct_download=true").body, "hello");
}

TEST_F(WorkspaceTest, ListIsShallowAndEmptyFolderIsEmptyObject) {
  client_->post("/api/2.0/workspace/mkdirs", {{"path", kHome + "/d/e"}});
  client_->post("/api/2.0/workspace/import", {{"path", kHome + "/d/f"}, {"format", "RAW"}, {"content", base64("1")}});
  TestResponse listed = client_->get("/api/2.0/workspace/list?path=" + kHome + "/d");
  ASSERT_EQ(listed.json["objects"].size(), 2u);
  EXPECT_EQ(listed.json["objects"][0]["path"], kHome + "/d/e");
  EXPECT_EQ(listed.json["objects"][1]["path"], kHome + "/d/f");
  EXPECT_EQ(client_->get("/api/2.0/workspace/list?path=" + kHome + "/d/e").json, nlohmann::json::object());
  EXPECT_EQ(client_->get("/api/2.0/workspace/list?path=" + kHome + "/d/f").json["objects"][0]["object_type"], "FILE");
  EXPECT_EQ(client_->get("/api/2.0/workspace/list?path=/nope").status, 404);
}

TEST_F(WorkspaceTest, DeleteNeedsRecursiveForNonEmptyFolders) {
  client_->post("/api/2.0/workspace/mkdirs", {{"path", kHome + "/t/u"}});
  TestResponse refused = client_->post("/api/2.0/workspace/delete", {{"path", kHome + "/t"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.json["error_code"], "DIRECTORY_NOT_EMPTY");
  EXPECT_EQ(refused.json["message"], "Folder (" + kHome + "/t) is not empty");
  EXPECT_EQ(client_->post("/api/2.0/workspace/delete", {{"path", kHome + "/t"}, {"recursive", true}}).status, 200);
  EXPECT_EQ(client_->get("/api/2.0/workspace/get-status?path=" + kHome + "/t/u").status, 404);
  TestResponse missing = client_->post("/api/2.0/workspace/delete", {{"path", kHome + "/.gitignore"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json["message"], "Path (" + kHome + "/.gitignore) doesn't exist.");
}

}  // namespace
}  // namespace cc::emulator::test
