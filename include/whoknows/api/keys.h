// API keys and roles.  A key is a random bearer token; the keys file keeps only its SHA-256 with
// the key's name, role and creation time, so a stolen keys file does not let anyone in.
//
// The keys file is JSON, {"version": 1, "keys": [{"name", "role", "sha256", "created"}]},
// mode 0600, and always replaced whole (written beside it, fsynced, renamed), so a reader sees the
// old file or the new one, never half of one.
#ifndef WHOKNOWS_API_KEYS_H_
#define WHOKNOWS_API_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whoknows/core/result.h"
#include "whoknows/core/status.h"

namespace whoknows::api {

// What a caller may do; each role may do everything the weaker ones may.  kNone: the probes and
// the web page only.  kReader: every query.  kEditor: also writes and imports.  kAdmin: also
// deletes, backups and private fields (e-mail; opted-out people in GET /v1/people/{id}).
enum class Role : uint8_t { kNone = 0, kReader = 1, kEditor = 2, kAdmin = 3 };

// "none", "reader", "editor", "admin".
std::string_view RoleName(Role role);
// The role a name names (RoleName's inverse), or nullopt.
std::optional<Role> ParseRole(std::string_view name);

// SHA-256 of `data` (OpenSSL libcrypto) as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

// A new token: "wk_" and 43 base64url characters carrying 256 bits from getrandom(2).
// IOError when the kernel's random source fails.
Result<std::string> NewToken();

struct ApiKey {
  std::string name;  // 1-64 characters of [A-Za-z0-9._@-]
  Role role = Role::kReader;
  std::string sha256;   // of the token, 64 lowercase hex digits
  std::string created;  // UTC, "2026-11-27T05:20:00Z"
};

// The keys in the file at `path`.  NotFound "no_keys_file" when it does not exist; IOError when
// it cannot be read; Corruption naming the problem when it is not a keys file.
Result<std::vector<ApiKey>> ReadKeyFile(const std::string& path);

// Adds a key named `name` with `role` to the keys file at `path` (created when absent) and
// returns its token, which is stored nowhere.  InvalidArgument "invalid_key_name" for a bad name
// or a role of kNone; Conflict "key_exists" when the name is taken; IOError.  Concurrent calls on
// one file are serialized by an flock on `path`.lock.
Result<std::string> AddKey(const std::string& path, const std::string& name, Role role);
// Removes the key named `name`.  NotFound "unknown_key" when there is none; IOError.
Status RevokeKey(const std::string& path, const std::string& name);

// Checks bearer tokens against a set of keys.  Immutable, so thread-safe.
class KeyRing {
 public:
  explicit KeyRing(std::vector<ApiKey> keys) : keys_(std::move(keys)) {}

  // The key whose hash is SHA-256(token), or nullptr.  The token's hash is compared with every
  // key's in constant time, so the answer's timing does not depend on how much of a hash matched.
  const ApiKey* Find(std::string_view token) const;
  const std::vector<ApiKey>& keys() const { return keys_; }

 private:
  std::vector<ApiKey> keys_;
};

}  // namespace whoknows::api

#endif  // WHOKNOWS_API_KEYS_H_
