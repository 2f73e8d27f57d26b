#include "reply_cache.h"

namespace whoknows::api::internal {

namespace {

size_t EntryBytes(const std::string& key, const std::string& body) {
  return key.size() + body.size();
}

}  // namespace

std::shared_ptr<const std::string> ReplyCache::Find(uint64_t version, const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = version == version_ ? index_.find(key) : index_.end();
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->second;
}

void ReplyCache::Insert(uint64_t version, const std::string& key, std::string body) {
  const size_t bytes = EntryBytes(key, body);
  if (max_bytes_ == 0 || bytes > max_bytes_ / 16) return;
  auto shared = std::make_shared<const std::string>(std::move(body));
  std::lock_guard<std::mutex> lock(mu_);
  if (version < version_) return;
  if (version > version_) {
    entries_.clear();
    index_.clear();
    bytes_ = 0;
    version_ = version;
  }
  if (auto it = index_.find(key); it != index_.end()) {
    // Computed twice at once: the answers are equal, keep the first.
    entries_.splice(entries_.begin(), entries_, it->second);
    return;
  }
  entries_.emplace_front(key, std::move(shared));
  index_.emplace(key, entries_.begin());
  bytes_ += bytes;
  while (bytes_ > max_bytes_) DropOldest();
}

void ReplyCache::DropOldest() {
  const Entry& oldest = entries_.back();
  bytes_ -= EntryBytes(oldest.first, *oldest.second);
  index_.erase(oldest.first);
  entries_.pop_back();
}

ReplyCache::Counters ReplyCache::counters() const {
  std::lock_guard<std::mutex> lock(mu_);
  Counters c;
  c.hits = hits_;
  c.misses = misses_;
  c.entries = entries_.size();
  c.bytes = bytes_;
  c.max_bytes = max_bytes_;
  return c;
}

}  // namespace whoknows::api::internal
