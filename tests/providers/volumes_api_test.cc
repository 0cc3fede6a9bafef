// Volumes and the Files API through WorkspaceApi, against the emulator over TLS: the calls a
// managed pipeline's wheels need (ensure the volume, upload, look a file up, read it back).
#include <gtest/gtest.h>

#include <random>

#include "emulator_client.h"

namespace cc::providers {
namespace {

using test_support::EmulatorProcess;
using testing::EmulatorClient;

nlohmann::json managedVolume(const std::string& name) {
  return {{"catalog_name", "main"}, {"schema_name", "raw"}, {"name", name}, {"volume_type", "MANAGED"}};
}

// Bytes a text-minded layer would damage: NULs, high bytes, CR/LF.
std::string binaryBytes(std::size_t n) {
  std::mt19937 random(42);
  std::string bytes(n, '\0');
  for (auto& b : bytes) b = static_cast<char>(random() & 0xff);
  bytes[0] = '\0';
  bytes[1] = '\r';
  bytes[2] = '\n';
  return bytes;
}

class VolumesApiTest : public ::testing::Test {
 protected:
  void connect(std::vector<std::string> args = {}) {
    emulator_ = std::make_unique<EmulatorProcess>(testing::emulatorBinary(), std::move(args));
    ASSERT_TRUE(emulator_->ok()) << emulator_->error();
    ASSERT_TRUE(c_.connectTo(*emulator_, /*debugOn=*/true)) << c_.error;
  }

  std::unique_ptr<EmulatorProcess> emulator_;
  EmulatorClient c_;
};

TEST_F(VolumesApiTest, CreatingAVolumeTwiceGivesTheSameVolume) {
  connect();
  auto missing = c_.api->findVolume("main.raw.community_connector");
  ASSERT_TRUE(missing.ok()) << missing.error().oneLine();
  EXPECT_FALSE(missing->has_value());
  auto created = c_.api->createVolume(managedVolume("community_connector"));
  ASSERT_TRUE(created.ok()) << created.error().oneLine();
  EXPECT_EQ(created->fullName, "main.raw.community_connector");
  EXPECT_EQ(created->volumeType, "MANAGED");
  EXPECT_FALSE(created->volumeId.empty());
  auto again = c_.api->createVolume(managedVolume("community_connector"));  // ALREADY_EXISTS: read instead
  ASSERT_TRUE(again.ok()) << again.error().oneLine();
  EXPECT_EQ(again->volumeId, created->volumeId);
  ASSERT_TRUE(c_.api->deleteVolume("main.raw.community_connector").ok());
  EXPECT_FALSE(c_.api->findVolume("main.raw.community_connector")->has_value());
}

TEST_F(VolumesApiTest, BinaryFilesRoundTripAndAreLookedUpByHead) {
  connect();
  ASSERT_TRUE(c_.api->createVolume(managedVolume("packages")).ok());
  const std::string path = "/Volumes/main/raw/packages/wheels/my connector-0.1.0-py3-none-any.whl";
  EXPECT_FALSE(c_.api->findFile(path)->has_value());
  const std::string bytes = binaryBytes(200 * 1024);
  auto uploaded = c_.api->uploadFile(path, bytes);
  ASSERT_TRUE(uploaded.ok()) << uploaded.error().oneLine();
  auto meta = c_.api->findFile(path);
  ASSERT_TRUE(meta.ok()) << meta.error().oneLine();
  ASSERT_TRUE(meta->has_value());
  EXPECT_EQ((*meta)->size, static_cast<std::int64_t>(bytes.size()));
  EXPECT_FALSE((*meta)->lastModified.empty());
  auto back = c_.api->downloadFile(path);
  ASSERT_TRUE(back.ok()) << back.error().oneLine();
  EXPECT_TRUE(*back == bytes);
  ASSERT_TRUE(c_.api->uploadFile(path, "replaced").ok());  // overwrite=true
  EXPECT_EQ(*c_.api->downloadFile(path), "replaced");
  // The debug log names the size of file bodies, never their bytes.
  EXPECT_NE(c_.debug.str().find("(204800 bytes of application/octet-stream)"), std::string::npos);
  EXPECT_NE(c_.debug.str().find("/api/2.0/fs/files/Volumes/main/raw/packages/wheels/my%20connector-0.1.0"),
            std::string::npos);
  ASSERT_TRUE(c_.api->deleteFile(path).ok());
  EXPECT_FALSE(c_.api->findFile(path)->has_value());
}

TEST_F(VolumesApiTest, DirectoriesAreCreatedOnceAndAgainWithoutError) {
  connect();
  ASSERT_TRUE(c_.api->createVolume(managedVolume("dirs")).ok());
  auto made = c_.api->createDirectory("/Volumes/main/raw/dirs/a b/c");
  ASSERT_TRUE(made.ok()) << made.error().oneLine();
  auto again = c_.api->createDirectory("/Volumes/main/raw/dirs/a b/c");  // it exists: still success
  ASSERT_TRUE(again.ok()) << again.error().oneLine();
  EXPECT_NE(c_.debug.str().find("/api/2.0/fs/directories/Volumes/main/raw/dirs/a%20b/c"), std::string::npos)
      << c_.debug.str();
  auto missing = c_.api->createDirectory("/Volumes/main/raw/nowhere/x");
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.error().isNotFound()) << missing.error().oneLine();
}

TEST_F(VolumesApiTest, UploadIntoAMissingVolumeIsNotFound) {
  connect();
  auto r = c_.api->uploadFile("/Volumes/main/raw/nowhere/a.whl", "x");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().isNotFound()) << r.error().oneLine();
}

TEST_F(VolumesApiTest, AnUploadThatMetAServerErrorIsSentAgain) {
  connect({"--fault-at", "2:500"});  // request 1 creates the volume, 2 is the first PUT
  ASSERT_TRUE(c_.api->createVolume(managedVolume("packages")).ok());
  auto r = c_.api->uploadFile("/Volumes/main/raw/packages/a.whl", "wheel bytes");
  ASSERT_TRUE(r.ok()) << r.error().oneLine();
  EXPECT_EQ(*c_.api->downloadFile("/Volumes/main/raw/packages/a.whl"), "wheel bytes");
  EXPECT_EQ(c_.client->requestsSent(), 4u);  // create, PUT (500), PUT, GET
}

}  // namespace
}  // namespace cc::providers
