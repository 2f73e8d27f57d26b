// whoknows keys add|list|revoke: the API keys of `whoknows serve --keys FILE`.
#include <cstdio>
#include <string>

#include "commands.h"
#include "flags.h"
#include "whoknows/api/keys.h"

namespace whoknows::cli {

namespace {

constexpr char kUsage[] =
    "usage: whoknows keys add NAME ROLE --keys FILE   (ROLE: reader, editor or admin)\n"
    "       whoknows keys list --keys FILE\n"
    "       whoknows keys revoke NAME --keys FILE\n";

Status Usage(const std::string& message) {
  return Status::InvalidArgument("invalid_flag", message + "\n" + kUsage);
}

int Add(const std::string& file, const std::vector<std::string>& args) {
  if (args.size() != 3) return Fail("keys", Usage("keys add takes a NAME and a ROLE"));
  auto role = api::ParseRole(args[2]);
  if (!role || *role == api::Role::kNone) {
    return Fail("keys", Usage("unknown role '" + args[2] + "'"));
  }
  auto token = api::AddKey(file, args[1], *role);
  if (!token.ok()) return Fail("keys", token.status());
  // The token alone on stdout, once: it is stored nowhere.
  std::printf("%s\n", token->c_str());
  std::fflush(stdout);
  std::fprintf(stderr, "whoknows keys: added '%s' (%s); the token above is shown only once\n",
               args[1].c_str(), args[2].c_str());
  return 0;
}

int List(const std::string& file, const std::vector<std::string>& args) {
  if (args.size() != 1) return Fail("keys", Usage("keys list takes no arguments"));
  auto keys = api::ReadKeyFile(file);
  if (!keys.ok()) return Fail("keys", keys.status());
  std::printf("name\trole\tcreated\n");
  for (const api::ApiKey& key : *keys) {
    std::printf("%s\t%s\t%s\n", key.name.c_str(), std::string(api::RoleName(key.role)).c_str(),
                key.created.c_str());
  }
  return 0;
}

int Revoke(const std::string& file, const std::vector<std::string>& args) {
  if (args.size() != 2) return Fail("keys", Usage("keys revoke takes a NAME"));
  Status revoked = api::RevokeKey(file, args[1]);
  if (!revoked.ok()) return Fail("keys", revoked);
  std::fprintf(stderr, "whoknows keys: revoked '%s'\n", args[1].c_str());
  return 0;
}

}  // namespace

int RunKeys(const Args& args) {
  auto flags = Flags::Parse(args, {"keys"}, {});
  if (!flags.ok()) return Fail("keys", flags.status());
  auto file = flags->Require("keys");
  if (!file.ok()) return Fail("keys", file.status());
  const std::vector<std::string>& rest = flags->positional();
  const std::string action = rest.empty() ? "" : rest[0];
  if (action == "add") return Add(*file, rest);
  if (action == "list") return List(*file, rest);
  if (action == "revoke") return Revoke(*file, rest);
  return Fail("keys", Usage(action.empty() ? "keys needs add, list or revoke"
                                           : "unknown keys action '" + action + "'"));
}

}  // namespace whoknows::cli
