#include "providers/user_agent.h"

#include <cstdlib>
#include <string_view>

namespace cc::providers {
namespace {

bool envIs(const char* name, std::string_view value) {
  const char* v = std::getenv(name);
  return v != nullptr && value == v;
}

bool envSet(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

}  // namespace

std::string detectCiProvider() {
  if (envIs("GITHUB_ACTIONS", "true")) return "github";
  if (envIs("GITLAB_CI", "true")) return "gitlab";
  if (envSet("JENKINS_URL")) return "jenkins";
  if (envIs("TF_BUILD", "True")) return "azure-devops";
  if (envIs("CIRCLECI", "true")) return "circle";
  if (envIs("TRAVIS", "true")) return "travis";
  if (envSet("BITBUCKET_BUILD_NUMBER")) return "bitbucket";
  if (envSet("CODEBUILD_BUILD_ARN")) return "aws-code-build";
  return "";
}

std::string userAgent(const std::string& authType) {
  std::string ua = "community-connector/" CC_VERSION " os/linux";
  if (!authType.empty()) ua += " auth/" + authType;
  if (auto ci = detectCiProvider(); !ci.empty()) ua += " cicd/" + ci;
  return ua;
}

}  // namespace cc::providers
