#include "history_tsv.h"

#include <zlib.h>

#include <algorithm>

namespace whoknows::ingest::internal {

Result<std::string> ReadMaybeGz(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return Status::IOError("cannot open '" + path + "'");
  gzbuffer(file, 1 << 18);
  std::string out;
  std::vector<char> buf(1 << 20);
  for (;;) {
    int n = gzread(file, buf.data(), static_cast<unsigned>(buf.size()));
    if (n < 0) {
      int code = 0;
      std::string message = gzerror(file, &code);
      gzclose(file);
      return Status::IOError("cannot read '" + path + "': " + message);
    }
    if (n == 0) break;
    out.append(buf.data(), static_cast<size_t>(n));
  }
  gzclose(file);
  return out;
}

TsvTable::TsvTable(std::string name, std::string_view text) : name_(std::move(name)), rest_(text) {
  line_ = 0;
  std::vector<std::string_view> header;
  if (Next(&header)) header_ = header;
}

void TsvTable::Split(std::string_view line, std::vector<std::string_view>* fields) {
  fields->clear();
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields->push_back(line.substr(start));
      return;
    }
    fields->push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

bool TsvTable::Next(std::vector<std::string_view>* fields) {
  while (!rest_.empty()) {
    size_t nl = rest_.find('\n');
    std::string_view line = rest_.substr(0, nl);
    rest_ = nl == std::string_view::npos ? std::string_view() : rest_.substr(nl + 1);
    ++line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    Split(line, fields);
    return true;
  }
  return false;
}

bool TsvTable::HasColumn(std::string_view name) const {
  return std::find(header_.begin(), header_.end(), name) != header_.end();
}

Result<size_t> TsvTable::Column(std::string_view name) const {
  auto it = std::find(header_.begin(), header_.end(), name);
  if (it == header_.end()) {
    return Status::InvalidArgument("bad_history",
                                   name_ + ": no column '" + std::string(name) + "' in the header");
  }
  return static_cast<size_t>(it - header_.begin());
}

Status TsvTable::Error(const std::string& message) const {
  return Status::InvalidArgument("bad_history",
                                 name_ + ":" + std::to_string(line_) + ": " + message);
}

}  // namespace whoknows::ingest::internal
