#include "whoknows/api/keys.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cursor.h"

namespace whoknows::api {

namespace {

using nlohmann::json;

constexpr size_t kTokenBytes = 32;  // 256 bits
constexpr size_t kMaxKeyName = 64;

Status Errno(const std::string& what) {
  return Status::IOError(what + ": " + std::strerror(errno));
}

bool IsValidKeyName(std::string_view name) {
  if (name.empty() || name.size() > kMaxKeyName) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '@' ||
           c == '-';
  });
}

bool IsHex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string NowUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

Result<ApiKey> KeyFromJson(const json& j) {
  if (!j.is_object() || !j.contains("name") || !j.contains("role") || !j.contains("sha256") ||
      !j.contains("created")) {
    return Status::Corruption("a key needs name, role, sha256 and created");
  }
  ApiKey key;
  key.name = j["name"].get<std::string>();
  auto role = ParseRole(j["role"].get<std::string>());
  key.sha256 = j["sha256"].get<std::string>();
  key.created = j["created"].get<std::string>();
  if (!IsValidKeyName(key.name)) return Status::Corruption("bad key name '" + key.name + "'");
  if (!role || *role == Role::kNone)
    return Status::Corruption("bad role of key '" + key.name + "'");
  if (!IsHex64(key.sha256)) return Status::Corruption("bad sha256 of key '" + key.name + "'");
  key.role = *role;
  return key;
}

Result<std::vector<ApiKey>> ParseKeyFile(const std::string& text, const std::string& path) {
  try {
    const json doc = json::parse(text);
    if (!doc.is_object() || doc.value("version", 0) != 1 || !doc["keys"].is_array()) {
      return Status::Corruption(path + " is not a whoknows keys file (version 1)");
    }
    std::vector<ApiKey> keys;
    for (const json& j : doc["keys"]) {
      auto key = KeyFromJson(j);
      if (!key.ok()) return Status::Corruption(path + ": " + key.status().message());
      keys.push_back(std::move(*key));
    }
    return keys;
  } catch (const json::exception& e) {
    return Status::Corruption(path + " is not a whoknows keys file: " + e.what());
  }
}

// Writes `text` to `path` atomically: a temporary file beside it (mode 0600), fsync, rename, and
// an fsync of the directory so the rename itself survives a crash.
Status WriteAtomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Errno("cannot create " + tmp);
  bool ok = ::fchmod(fd, 0600) == 0;
  for (size_t done = 0; ok && done < text.size();) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  Status status = ok ? Status::OK() : Errno("cannot write " + tmp);
  ::close(fd);
  if (status.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) {
    status = Errno("cannot replace " + path);
  }
  if (!status.ok()) {
    ::unlink(tmp.c_str());
    return status;
  }
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::OK();
}

Status WriteKeyFile(const std::string& path, const std::vector<ApiKey>& keys) {
  json list = json::array();
  for (const ApiKey& key : keys) {
    list.push_back({{"name", key.name},
                    {"role", RoleName(key.role)},
                    {"sha256", key.sha256},
                    {"created", key.created}});
  }
  return WriteAtomically(path, json{{"version", 1}, {"keys", std::move(list)}}.dump(2) + "\n");
}

// Holds an exclusive flock on `path`.lock while alive, so read-modify-write cycles of the keys
// file do not lose each other's changes.
class FileLock {
 public:
  explicit FileLock(const std::string& path) {
    fd_ = ::open((path + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// The keys in `path`, or none when it does not exist yet.
Result<std::vector<ApiKey>> ReadOrEmpty(const std::string& path) {
  auto keys = ReadKeyFile(path);
  if (!keys.ok() && keys.status().IsNotFound()) return std::vector<ApiKey>{};
  return keys;
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kNone:
      return "none";
    case Role::kReader:
      return "reader";
    case Role::kEditor:
      return "editor";
    case Role::kAdmin:
      return "admin";
  }
  return "none";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : {Role::kNone, Role::kReader, Role::kEditor, Role::kAdmin}) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

Result<std::string> NewToken() {
  unsigned char bytes[kTokenBytes];
  size_t done = 0;
  while (done < sizeof(bytes)) {
    ssize_t n = ::getrandom(bytes + done, sizeof(bytes) - done, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Errno("getrandom");
    done += static_cast<size_t>(n);
  }
  return "wk_" + internal::Base64Url(std::string_view(reinterpret_cast<char*>(bytes), done));
}

Result<std::vector<ApiKey>> ReadKeyFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::NotFound("no_keys_file", "no keys file " + path);
    return Errno("cannot read " + path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Errno("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return Errno("cannot read " + path);
  return ParseKeyFile(text.str(), path);
}

Result<std::string> AddKey(const std::string& path, const std::string& name, Role role) {
  if (!IsValidKeyName(name)) {
    return Status::InvalidArgument("invalid_key_name",
                                   "a key name is 1-64 characters of [A-Za-z0-9._@-]");
  }
  if (role == Role::kNone) {
    return Status::InvalidArgument("invalid_role", "a key's role is reader, editor or admin");
  }
  FileLock lock(path);
  if (!lock.ok()) return Errno("cannot lock " + path + ".lock");
  WK_ASSIGN_OR_RETURN(std::vector<ApiKey> keys, ReadOrEmpty(path));
  for (const ApiKey& key : keys) {
    if (key.name == name)
      return Status::Conflict("key_exists", "a key named '" + name + "' exists");
  }
  WK_ASSIGN_OR_RETURN(std::string token, NewToken());
  keys.push_back({name, role, Sha256Hex(token), NowUtc()});
  WK_RETURN_IF_ERROR(WriteKeyFile(path, keys));
  return token;
}

Status RevokeKey(const std::string& path, const std::string& name) {
  FileLock lock(path);
  if (!lock.ok()) return Errno("cannot lock " + path + ".lock");
  WK_ASSIGN_OR_RETURN(std::vector<ApiKey> keys, ReadOrEmpty(path));
  auto it = std::find_if(keys.begin(), keys.end(), [&](const ApiKey& k) { return k.name == name; });
  if (it == keys.end()) return Status::NotFound("unknown_key", "no key named '" + name + "'");
  keys.erase(it);
  return WriteKeyFile(path, keys);
}

const ApiKey* KeyRing::Find(std::string_view token) const {
  const std::string hash = Sha256Hex(token);
  const ApiKey* found = nullptr;
  for (const ApiKey& key : keys_) {
    // Every key is compared, and CRYPTO_memcmp takes the same time wherever the bytes differ.
    if (CRYPTO_memcmp(hash.data(), key.sha256.data(), hash.size()) == 0) found = &key;
  }
  return found;
}

}  // namespace whoknows::api
