#include "auth.h"

#include <cstdio>

namespace whoknows::api::internal {

namespace {

bool SameFile(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
         a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec;
}

// The token of "Bearer TOKEN" (the scheme case-insensitive), or "" when it is not one.
std::string_view BearerToken(std::string_view header) {
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() <= kScheme.size()) return {};
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return {};
  }
  std::string_view token = header.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return token;
}

}  // namespace

Status KeyFileWatcher::Load() {
  struct stat now {};
  if (::stat(path_.c_str(), &now) != 0) {
    return Status::NotFound("no_keys_file", "no keys file " + path_);
  }
  WK_ASSIGN_OR_RETURN(std::vector<ApiKey> keys, ReadKeyFile(path_));
  std::lock_guard<std::mutex> lock(mu_);
  ring_ = std::make_shared<KeyRing>(std::move(keys));
  seen_ = now;
  complained_ = false;
  return Status::OK();
}

std::shared_ptr<const KeyRing> KeyFileWatcher::Current() {
  struct stat now {};
  const bool exists = ::stat(path_.c_str(), &now) == 0;
  std::lock_guard<std::mutex> lock(mu_);
  if (exists && SameFile(now, seen_)) return ring_;
  auto keys = exists ? ReadKeyFile(path_)
                     : Result<std::vector<ApiKey>>(Status::NotFound("no_keys_file", path_));
  if (keys.ok()) {
    ring_ = std::make_shared<KeyRing>(std::move(*keys));
    seen_ = now;
    complained_ = false;
    return ring_;
  }
  ring_ = std::make_shared<KeyRing>(std::vector<ApiKey>{});
  seen_ = now;
  if (!complained_) {
    std::fprintf(stderr, "whoknows serve: keys file unusable, refusing every key: %s\n",
                 keys.status().ToString().c_str());
    complained_ = true;
  }
  return ring_;
}

void Authenticate(std::string_view authorization, KeyFileWatcher* keys, HttpRequest* request) {
  request->role = Role::kNone;
  request->private_fields = false;
  request->key_name.clear();
  request->bad_token = false;
  if (keys == nullptr) {
    request->role = Role::kAdmin;
    return;
  }
  if (authorization.empty()) return;
  const std::string_view token = BearerToken(authorization);
  const auto ring = keys->Current();
  const ApiKey* key = token.empty() ? nullptr : ring->Find(token);
  if (key == nullptr) {
    request->bad_token = true;
    return;
  }
  request->role = key->role;
  request->key_name = key->name;
  request->private_fields = key->role == Role::kAdmin;
}

}  // namespace whoknows::api::internal
