// What the CLI refuses to write, send or print: plan -o never replaces a device, a link or the
// manifest; a warning is printed once; a host carrying a password is refused without showing
// it; connection names that differ only in case are one Unity Catalog name.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "declarative_support.h"

namespace cc::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class DeclarativeSecurity : public DeclarativeTest {
 protected:
  void SetUp() override { startEmulator(); }
};

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_F(DeclarativeSecurity, PlanOutNeverReplacesTheManifestADeviceOrALink) {
  const std::string manifest = readText(work_ / "one.yaml");
  auto refused = cli({"plan", "-f", "one.yaml", "-o", "./one.yaml"});
  EXPECT_EQ(refused.exit, 1);
  EXPECT_THAT(refused.err, HasSubstr("refusing to write the plan to ./one.yaml"));
  EXPECT_EQ(readText(work_ / "one.yaml"), manifest);

  // A connector spec the manifest names is an input too.
  fs::create_directory(work_ / "specs");
  fs::copy_file(fs::path(CC_TESTS_DIR) / "fixtures/manifests/specs/github_like.yaml", work_ / "specs/github.yaml");
  test_support::writeText(work_ / "with_spec.yaml",
                          "version: 1\nconnections:\n  gh_conn:\n    source: github\n    spec: specs/github.yaml\n"
                          "    options: { token: \"${env.GITHUB_TOKEN}\" }\n");
  const std::string spec = readText(work_ / "specs/github.yaml");
  auto specRefused = cli({"plan", "-f", "with_spec.yaml", "-o", "specs/github.yaml"});
  EXPECT_EQ(specRefused.exit, 1) << specRefused.out;
  EXPECT_THAT(specRefused.err, HasSubstr("it is an input of this command"));
  EXPECT_EQ(readText(work_ / "specs/github.yaml"), spec);

  ASSERT_EQ(cli({"plan", "-f", "one.yaml", "-o", "/dev/null"}).exit, 0);
  struct stat st {};
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));

  fs::create_directory(work_ / "plans");
  fs::create_symlink(work_ / "plans" / "target.json", work_ / "latest.json");
  ASSERT_EQ(cli({"plan", "-f", "one.yaml", "-o", "latest.json"}).exit, 0);
  EXPECT_TRUE(fs::is_symlink(work_ / "latest.json"));
  EXPECT_THAT(readText(work_ / "plans" / "target.json"), HasSubstr("\"format_version\""));

  // `-o -`: the plan file is standard output (the rendering goes to standard error).
  auto toStdout = cli({"plan", "-f", "one.yaml", "-o", "-"});
  ASSERT_EQ(toStdout.exit, 0) << toStdout.err;
  EXPECT_FALSE(fs::exists(work_ / "-"));
  EXPECT_TRUE(nlohmann::json::parse(toStdout.out, nullptr, false).is_object()) << toStdout.out;
  EXPECT_THAT(toStdout.err, HasSubstr("+ connection gh_conn"));
  auto applied = cli({"apply", "latest.json"});
  EXPECT_EQ(applied.exit, 0) << applied.err;
}

TEST_F(DeclarativeSecurity, EachWarningIsPrintedOnce) {
  test_support::writeText(work_ / "literal.yaml",
            "version: 1\nconnections:\n  gh_conn:\n    source: github\n    options: { token: \"ghp_literal_x\" }\n");
  const std::string warning = "holds a credential written in the file";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"validate", "-f", "literal.yaml"}, {"plan", "-f", "literal.yaml"},
        {"apply", "-f", "literal.yaml", "--auto-approve"}, {"plan", "-f", "literal.yaml"},
        {"destroy", "-f", "literal.yaml", "--auto-approve", "--allow-mass-delete"}}) {
    auto r = cli(args);
    EXPECT_EQ(r.exit, 0) << args[0] << r.out << r.err;
    EXPECT_EQ(occurrences(r.out + r.err, warning), 1u) << args[0] << "\n" << r.out << r.err;
  }
}

TEST_F(DeclarativeSecurity, AHostWithAPasswordIsRefusedAndNeverPrinted) {
  Environment env = env_;
  env["DATABRICKS_HOST"] = "https://admin:pw-hidden-4412@127.0.0.1:" + std::to_string(emulator_->port());
  const std::size_t mark = logLines(log());
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"plan", "-f", "one.yaml"}, {"auth", "describe"}, {"--debug", "plan", "-f", "one.yaml"}}) {
    RunResult r = runCli(args, work_, env);
    EXPECT_EQ(r.exit, 1) << r.out << r.err;
    EXPECT_THAT(r.out + r.err, HasSubstr("user information"));
    EXPECT_THAT(r.out + r.err, Not(HasSubstr("pw-hidden-4412")));
  }
  EXPECT_EQ(logLines(log()), mark) << "nothing was sent";
}

TEST_F(DeclarativeSecurity, ATokenWithALineBreakIsRefusedBeforeAnyRequest) {
  Environment env = env_;
  env["DATABRICKS_TOKEN"] = emulator_->token() + "\r\nX-Injected: yes";
  const std::size_t mark = logLines(log());
  RunResult r = runCli({"plan", "-f", "one.yaml"}, work_, env);
  EXPECT_EQ(r.exit, 1);
  EXPECT_THAT(r.err, HasSubstr("control character"));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("X-Injected")));
  EXPECT_EQ(logLines(log()), mark) << "nothing was sent";
}

TEST_F(DeclarativeSecurity, SecretFingerprintsAreKeyedAndUselessWithoutTheKey) {
  const std::string store = "/Shared/.community-connector/declarative/default/state.json";
  ASSERT_EQ(cli({"apply", "-f", "one.yaml", "--auto-approve"}).exit, 0);
  auto content = nlohmann::json::parse(api_->exportFile(store).value().content);
  ASSERT_TRUE(content.contains("key")) << content.dump();
  EXPECT_EQ(content["connections"]["gh_conn"]["alg"], "hmac-sha256");
  EXPECT_EQ(content.dump().find(kSentinelSecret), std::string::npos);
  EXPECT_EQ(cli({"plan", "-f", "one.yaml", "--detailed-exitcode"}).exit, 0);

  // A key from the environment is used instead and never stored: the records made with the
  // stored key no longer verify, so the secret is sent again once, then settles.
  Environment withKey = env_;
  withKey["COMMUNITY_CONNECTOR_FINGERPRINT_KEY"] = "ci-held-key-not-in-the-workspace";
  auto changed = runCli({"plan", "-f", "one.yaml", "--detailed-exitcode"}, work_, withKey);
  EXPECT_EQ(changed.exit, 2) << changed.out << changed.err;
  EXPECT_THAT(changed.out, HasSubstr("options.token: (sensitive"));
  ASSERT_EQ(runCli({"apply", "-f", "one.yaml", "--auto-approve"}, work_, withKey).exit, 0);
  content = nlohmann::json::parse(api_->exportFile(store).value().content);
  EXPECT_FALSE(content.contains("key")) << "the environment's key is never written";
  EXPECT_EQ(runCli({"plan", "-f", "one.yaml", "--detailed-exitcode"}, work_, withKey).exit, 0);
  // Without the key, nobody (this tool included) can match the fingerprints.
  EXPECT_EQ(cli({"plan", "-f", "one.yaml", "--detailed-exitcode"}).exit, 2);
}

// A token put into a comment and a pipeline tag: shown nowhere, sent as written.
const char* kLeakyManifest = R"(version: 1
public_env: [CATALOG_NAME]
connections:
  gh_conn:
    source: github
    comment: "c ${env.GITHUB_TOKEN}"
    options:
      token: ${env.GITHUB_TOKEN}
pipelines:
  gh_ingest:
    source: github
    connection: gh_conn
    catalog: ${env.CATALOG_NAME}
    objects:
      - table: { source_table: issues }
    pipeline:
      tags: { owner: "${env.GITHUB_TOKEN}" }
)";

TEST_F(DeclarativeSecurity, ValuesFromTheEnvironmentAreSensitiveWhereverTheyLand) {
  test_support::writeText(work_ / "leaky.yaml", kLeakyManifest);
  env_["CATALOG_NAME"] = "public_catalog_name";
  auto validated = cli({"validate", "-f", "leaky.yaml"});  // cli() fails the test on the sentinel
  EXPECT_EQ(validated.exit, 0) << validated.err;
  EXPECT_THAT(validated.err, HasSubstr("leaky.yaml:6:"));
  EXPECT_THAT(validated.err, HasSubstr("which the workspace shows to everyone"));
  EXPECT_THAT(validated.err, Not(HasSubstr("/catalog"))) << "public_env values are not sensitive";

  for (const char* format : {"text", "json", "markdown"}) {
    auto plan = cli({"--debug", "plan", "-f", "leaky.yaml", "--format", format, "-o", std::string("plan-") + format + ".json"});
    ASSERT_EQ(plan.exit, 0) << plan.err;
    EXPECT_THAT(plan.out, HasSubstr("public_catalog_name")) << format;
    EXPECT_EQ(readText(work_ / (std::string("plan-") + format + ".json")).find(kSentinelSecret), std::string::npos)
        << "secret in the plan file";
  }
  auto text = cli({"plan", "-f", "leaky.yaml"});
  EXPECT_THAT(text.out, HasSubstr("comment: (sensitive)"));
  EXPECT_THAT(text.out, HasSubstr("tags: (sensitive)"));

  // The saved plan holds the values masked; apply sends the real ones.
  auto applied = cli({"--debug", "apply", "plan-text.json"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  const auto conn = connection("gh_conn");
  ASSERT_TRUE(conn);
  EXPECT_THAT((*conn)["comment"].get<std::string>(), HasSubstr(kSentinelSecret));
  const auto spec = api_->getPipeline(pipelineId("gh_ingest")).value()["spec"];
  EXPECT_EQ(spec["tags"]["owner"], kSentinelSecret);
  EXPECT_EQ(spec["catalog"], "public_catalog_name");
  auto again = cli({"plan", "-f", "leaky.yaml", "--detailed-exitcode"});
  EXPECT_EQ(again.exit, 0) << again.out << again.err;
}

TEST_F(DeclarativeSecurity, APipelineNamedDotDotIsRefusedByTheOriginalCommandsToo) {
  const std::size_t mark = logLines(log());
  for (const char* name : {"..", "."}) {
    auto r = cli({"create_pipeline", "github", name, "-n", "gh_conn"});
    EXPECT_EQ(r.exit, 1) << r.out << r.err;
    EXPECT_THAT(r.out + r.err, HasSubstr("changes when normalised"));
  }
  EXPECT_TRUE(mutatingSince(mark).empty()) << "nothing was written or deleted";
}

}  // namespace
}  // namespace cc::e2e
