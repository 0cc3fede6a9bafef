#pragma once
// What a Git folder's checkout holds: the connector repository in its legacy layout
// (`libs/`, `pipeline/`, `sources/<src>/`) or its src layout
// (`src/databricks/labs/community_connector/{libs,interface,pipeline,sparkpds,sources/<src>}`,
// original tool §7.2), chosen per URL and branch by `--repo-layout`.

#include <string>
#include <vector>

#include "emulator/emulator_options.h"

namespace cc::emulator {

/// Parses one `--repo-layout` value: `legacy`, `src`, or `URL[@BRANCH]=legacy|src` (the branch
/// is an '@' after the URL's last '/'). Returns an error message, "" on success.
std::string parseRepoLayoutRule(const std::string& text, RepoLayoutRule& rule);

/// The layout for a checkout of `url` at branch or tag `ref`: a rule for that URL and ref, else
/// for that URL, else the default rule, else legacy. URLs compare without case, trailing '/'
/// or `.git`.
std::string repoLayoutFor(const std::vector<RepoLayoutRule>& rules, const std::string& url, const std::string& ref);

/// The directories (relative to the repo folder) a checkout materialises: every top folder of
/// the layout without sparse checkout; with it, the cone patterns that exist in the layout
/// (a pattern above a layout folder brings that folder; one matching nothing brings nothing).
std::vector<std::string> checkoutDirectories(const std::string& layout, bool sparse,
                                             const std::vector<std::string>& patterns);

}  // namespace cc::emulator
