// `auth describe`: which host and credentials the tool would use, and where each value came
// from (flag, environment variable, profile file and section). Never prints a secret.
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "providers/auth.h"

namespace cc::cli {

int runAuthDescribe(const GlobalOptions& global, Console& console) {
  providers::AuthRequest request;
  request.flagHost = global.host;
  request.flagProfile = global.profile;
  auto auth = providers::resolveAuth(request, providers::processEnv(), providers::realFileReader());
  if (!auth) {
    for (const auto& d : auth.diagnostics().items()) {
      console.err << "error: " << d.summary << "\n";
      if (!d.detail.empty()) console.err << "  " << d.detail << "\n";
    }
    return toInt(ExitCode::Error);
  }
  const auto& a = auth.value();
  console.out << "host:      " << a.host << "\n";
  console.out << "auth type: " << providers::authTypeName(a.type) << "\n";
  if (!a.profile.empty()) console.out << "profile:   " << a.profile << " (" << a.configFile << ")\n";
  if (a.type == providers::AuthType::OAuthM2M) console.out << "client id: " << a.clientId << "\n";
  console.out << "sources:\n";
  for (const auto& s : a.sources) {
    const bool secret = s.attribute == "token" || s.attribute == "client_secret";
    console.out << "  " << s.attribute << ": " << (secret ? "(sensitive) " : "") << "from " << s.source << "\n";
  }
  return toInt(ExitCode::Ok);
}

}  // namespace cc::cli
