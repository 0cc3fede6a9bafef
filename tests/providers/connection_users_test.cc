// Which pipelines use a connection, read from the emulator: through ingest.py's pipeline spec or
// a managed-ingestion definition; other connections' pipelines and pipelines without files are
// not counted.
#include "providers/connection_users.h"

#include <gtest/gtest.h>

#include "emulator_client.h"

namespace cc::providers {
namespace {

using testing::EmulatorClient;

const std::string kRoot = "/Users/alice@example.com/users-test";

std::string ingestReading(const std::string& connection) {
  return "source_name = \"github\"\npipeline_spec = {\n    \"connection_name\": \"" + connection +
         "\",\n    \"objects\": [{\"table\": {\"source_table\": \"issues\"}}],\n}\n";
}

class ConnectionUsersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(emulator_.ok()) << emulator_.error();
    ASSERT_TRUE(c_.connectTo(emulator_)) << c_.error;
  }
  // A file-based pipeline whose ingest.py reads `connection`.
  void fileBased(const std::string& name, const std::string& connection) {
    const std::string dir = kRoot + "/" + name;
    ASSERT_TRUE(c_.api->mkdirs(dir).ok());
    ASSERT_TRUE(c_.api->importFile(dir + "/ingest.py", ingestReading(connection), "SOURCE", "PYTHON", true).ok());
    auto id = c_.api->createPipeline({{"name", name}, {"catalog", "main"}, {"target", "github"}, {"root_path", dir},
                                      {"libraries", {{{"file", {{"path", dir + "/ingest.py"}}}}}}});
    ASSERT_TRUE(id.ok()) << id.error().oneLine();
  }

  test_support::EmulatorProcess emulator_{testing::emulatorBinary()};
  EmulatorClient c_;
};

TEST_F(ConnectionUsersTest, FindsFileBasedAndManagedPipelinesOfTheConnectionOnly) {
  fileBased("zeta_reads_c1", "C1");  // connection names are compared without regard to case
  fileBased("alpha_reads_c1", "c1");
  fileBased("reads_c2", "c2");
  // A managed pipeline names an existing connection (the API checks it).
  auto connection = c_.api->createConnection(
      {{"name", "c1"}, {"connection_type", "COMMUNITY"}, {"options", {{"sourceName", "github"}}}});
  ASSERT_TRUE(connection.ok()) << connection.error().oneLine();
  nlohmann::json table = {{"source_table", "issues"}, {"destination_catalog", "main"}, {"destination_schema", "raw"}};
  nlohmann::json definition = {{"connection_name", "c1"}, {"objects", nlohmann::json::array({{{"table", table}}})}};
  auto managed = c_.api->createPipeline({{"name", "managed_c1"}, {"catalog", "main"}, {"ingestion_definition", definition}});
  ASSERT_TRUE(managed.ok()) << managed.error().oneLine();
  auto bare = c_.api->createPipeline({{"name", "no_files"}, {"catalog", "main"}, {"target", "x"}});
  ASSERT_TRUE(bare.ok()) << bare.error().oneLine();

  auto c1 = pipelinesUsingConnection(*c_.api, "c1");
  ASSERT_TRUE(c1.ok()) << c1.diagnostics().items().front().summary;
  EXPECT_EQ(*c1, (std::vector<std::string>{"alpha_reads_c1", "managed_c1", "zeta_reads_c1"}));
  auto c2 = pipelinesUsingConnection(*c_.api, "c2");
  ASSERT_TRUE(c2.ok());
  EXPECT_EQ(*c2, std::vector<std::string>{"reads_c2"});
  auto none = pipelinesUsingConnection(*c_.api, "unused");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace cc::providers
