// Authentication: from the Authorization header to the caller's role, against a keys file that is
// read again whenever it changes, so `whoknows keys add|revoke` take effect on a running server
// without a restart.
#ifndef WHOKNOWS_SRC_API_AUTH_H_
#define WHOKNOWS_SRC_API_AUTH_H_

#include <sys/stat.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "http.h"
#include "whoknows/api/keys.h"

namespace whoknows::api::internal {

class KeyFileWatcher {
 public:
  explicit KeyFileWatcher(std::string path) : path_(std::move(path)) {}

  // Reads the keys file.  Errors as ReadKeyFile.
  Status Load();
  // The keys as the file holds them now: when the file changed (inode, size or modification time)
  // since the last look, it is read again; a file that has become unreadable or invalid lets no
  // one in (an empty ring) until it is fixed, and says so on stderr once.  Thread-safe.
  std::shared_ptr<const KeyRing> Current();

 private:
  const std::string path_;
  std::mutex mu_;
  struct stat seen_ {};
  std::shared_ptr<const KeyRing> ring_ = std::make_shared<KeyRing>(std::vector<ApiKey>{});
  bool complained_ = false;
};

// Fills request->role, key_name, private_fields and bad_token from `authorization` (the header's
// value, "" when absent).  Without a watcher (no --keys) every caller may do everything except
// see private fields, which need an identified admin.
void Authenticate(std::string_view authorization, KeyFileWatcher* keys, HttpRequest* request);

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_AUTH_H_
