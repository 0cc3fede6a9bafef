#include "emulator/emulator_fixture.h"

namespace cc::emulator::test {
namespace {

const std::string kFiles = "/api/2.0/fs/files/Volumes/main/default/cc";
const std::string kDirectories = "/api/2.0/fs/directories/Volumes/main/default/cc";

int createVolume(TestClient& client) {
  return client.post("/api/2.1/unity-catalog/volumes",
                     {{"catalog_name", "main"}, {"schema_name", "default"}, {"name", "cc"}, {"volume_type", "MANAGED"}})
      .status;
}

class FilesTest : public EmulatorFixture {
 protected:
  void SetUp() override {
    EmulatorFixture::SetUp();
    ASSERT_EQ(createVolume(*client_), 200);
  }

  TestResponse upload(const std::string& path, const std::string& bytes, const std::string& query = "?overwrite=true") {
    return client_->send("PUT", kFiles + path + query, bytes, "application/octet-stream");
  }
};

// Bytes a JSON or text layer would mangle: NUL, high bytes, CR LF.
const std::string kWheel = std::string("PK\x03\x04\0\xff\xfe\r\n", 9) + std::string(70000, '\x80');

TEST_F(FilesTest, UploadCreatesParentsAndDownloadReturnsTheBytes) {
  TestResponse put = upload("/packages/connector-0.1-py3-none-any.whl", kWheel);
  EXPECT_EQ(put.status, 204) << put.body;
  EXPECT_EQ(put.body, "");
  TestResponse got = client_->get(kFiles + "/packages/connector-0.1-py3-none-any.whl");
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, kWheel);
  EXPECT_EQ(got.header("Content-Type"), "application/octet-stream");
  EXPECT_EQ(got.header("Content-Length"), std::to_string(kWheel.size()));
  EXPECT_NE(got.header("Last-Modified").find(" GMT"), std::string::npos);

  TestResponse head = client_->send("HEAD", kFiles + "/packages/connector-0.1-py3-none-any.whl", "");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.header("Content-Length"), std::to_string(kWheel.size()));
  EXPECT_EQ(head.header("Last-Modified"), got.header("Last-Modified"));

  TestResponse listed = client_->get(kDirectories + "/packages");
  ASSERT_EQ(listed.json["contents"].size(), 1u);
  const nlohmann::json& entry = listed.json["contents"][0];
  EXPECT_EQ(entry["path"], "/Volumes/main/default/cc/packages/connector-0.1-py3-none-any.whl");
  EXPECT_EQ(entry["name"], "connector-0.1-py3-none-any.whl");
  EXPECT_EQ(entry["is_directory"], false);
  EXPECT_EQ(entry["file_size"], kWheel.size());
  EXPECT_TRUE(entry["last_modified"].is_number_integer());
  TestResponse root = client_->get(kDirectories);
  ASSERT_EQ(root.json["contents"].size(), 1u);
  EXPECT_EQ(root.json["contents"][0]["is_directory"], true);
  EXPECT_FALSE(root.json["contents"][0].contains("file_size"));
}

TEST_F(FilesTest, OverwriteFalseRefusesAnExistingFile) {
  ASSERT_EQ(upload("/a.txt", "one", "?overwrite=false").status, 204);
  TestResponse refused = upload("/a.txt", "two", "?overwrite=false");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.json["error_code"], "ALREADY_EXISTS");
  EXPECT_EQ(client_->get(kFiles + "/a.txt").body, "one");
  EXPECT_EQ(upload("/a.txt", "two").status, 204);
  EXPECT_EQ(upload("/a.txt", "three", "").status, 204);  // unset overwrites
  EXPECT_EQ(client_->get(kFiles + "/a.txt").body, "three");
  EXPECT_EQ(upload("/a.txt", "x", "?overwrite=maybe").status, 400);
}

TEST_F(FilesTest, MissingVolumeFileAndConflicts) {
  TestResponse noVolume = client_->send("PUT", "/api/2.0/fs/files/Volumes/main/default/nope/x.whl", "x",
                                        "application/octet-stream");
  EXPECT_EQ(noVolume.status, 404);
  EXPECT_EQ(noVolume.json["message"], "Volume 'main.default.nope' does not exist.");
  TestResponse noFile = client_->get(kFiles + "/missing.whl");
  EXPECT_EQ(noFile.status, 404);
  EXPECT_EQ(noFile.json["error_code"], "RESOURCE_DOES_NOT_EXIST");
  EXPECT_EQ(client_->send("HEAD", kFiles + "/missing.whl", "").status, 404);
  EXPECT_EQ(client_->send("PUT", "/api/2.0/fs/files/Workspace/Users/x", "x", "application/octet-stream").status, 400);
  EXPECT_EQ(upload("/../escape", "x").status, 400);
  ASSERT_EQ(upload("/file", "x").status, 204);
  EXPECT_EQ(upload("/file/below", "x").status, 400);  // a parent that is a file
  ASSERT_EQ(client_->send("PUT", kDirectories + "/dir", "").status, 204);
  EXPECT_EQ(upload("/dir", "x").json["error_code"], "ALREADY_EXISTS");
  EXPECT_EQ(client_->send("PUT", kDirectories + "/file", "").json["error_code"], "ALREADY_EXISTS");
}

TEST_F(FilesTest, DirectoriesCreateIdempotentlyAndDeleteOnlyWhenEmpty) {
  ASSERT_EQ(client_->send("PUT", kDirectories + "/packages/sub", "").status, 204);
  EXPECT_EQ(client_->send("PUT", kDirectories + "/packages/sub", "").status, 204);
  EXPECT_EQ(client_->send("HEAD", kDirectories + "/packages", "").status, 200);
  EXPECT_EQ(client_->send("HEAD", kDirectories + "/none", "").status, 404);
  EXPECT_EQ(client_->get(kDirectories + "/packages/sub").json, nlohmann::json::object());  // empty: no contents
  ASSERT_EQ(upload("/packages/sub/w.whl", "w").status, 204);
  TestResponse notEmpty = client_->del(kDirectories + "/packages/sub");
  EXPECT_EQ(notEmpty.status, 400);
  EXPECT_EQ(notEmpty.json["error_code"], "DIRECTORY_NOT_EMPTY");
  EXPECT_EQ(client_->del(kFiles + "/packages/sub").status, 400);  // a directory is not a file
  EXPECT_EQ(client_->del(kFiles + "/packages/sub/w.whl").status, 204);
  EXPECT_EQ(client_->del(kFiles + "/packages/sub/w.whl").status, 404);
  EXPECT_EQ(client_->del(kDirectories + "/packages/sub").status, 204);
  EXPECT_EQ(client_->get(kDirectories + "/packages/sub").status, 404);
  EXPECT_EQ(client_->del(kDirectories).status, 400);  // the volume root stays
}

TEST_F(FilesTest, DirectoryListingPages) {
  for (const char* name : {"a", "b", "c"}) ASSERT_EQ(upload(std::string("/d/") + name, name).status, 204);
  TestResponse first = client_->get(kDirectories + "/d?page_size=2");
  ASSERT_EQ(first.json["contents"].size(), 2u);
  TestResponse second = client_->get(kDirectories + "/d?page_size=2&page_token=" +
                                     first.json["next_page_token"].get<std::string>());
  ASSERT_EQ(second.json["contents"].size(), 1u);
  EXPECT_EQ(second.json["contents"][0]["name"], "c");
  EXPECT_FALSE(second.json.contains("next_page_token"));
}

TEST_F(FilesTest, DeletingTheVolumeDropsItsFiles) {
  ASSERT_EQ(upload("/p/w.whl", "w").status, 204);
  ASSERT_EQ(client_->del("/api/2.1/unity-catalog/volumes/main.default.cc").status, 200);
  ASSERT_EQ(createVolume(*client_), 200);
  EXPECT_EQ(client_->get(kFiles + "/p/w.whl").status, 404);
}

TEST(FilesLimits, UploadsAndStoredBytesAreBounded) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--max-file-bytes", "1000", "--max-stored-file-bytes", "1500"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  ASSERT_EQ(createVolume(client), 200);
  auto put = [&client](const std::string& name, size_t bytes) {
    return client.send("PUT", kFiles + "/" + name, std::string(bytes, 'x'), "application/octet-stream");
  };
  EXPECT_EQ(put("big", 1001).status, 413);
  EXPECT_EQ(put("one", 1000).status, 204);
  TestResponse full = put("two", 600);
  EXPECT_EQ(full.status, 413);
  EXPECT_EQ(full.json["error_code"], "INVALID_PARAMETER_VALUE");
  EXPECT_EQ(put("one", 900).status, 204);  // replacing a file counts its new size only
  EXPECT_EQ(put("two", 600).status, 204);
}

TEST(FilesPersistence, FilesSurviveKillAndRestart) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  {
    TestClient client(emulator);
    ASSERT_EQ(createVolume(client), 200);
    ASSERT_EQ(client.send("PUT", kFiles + "/packages/w.whl", kWheel, "application/octet-stream").status, 204);
  }
  emulator.kill();
  ASSERT_TRUE(emulator.restart());
  TestClient client(emulator);
  EXPECT_EQ(client.get(kFiles + "/packages/w.whl").body, kWheel);
  EXPECT_EQ(client.get(kDirectories).json["contents"][0]["name"], "packages");
}

}  // namespace
}  // namespace cc::emulator::test
