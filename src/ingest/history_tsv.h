// Tab-separated tables with a header line, plain or gzip-compressed, for the history importer.
#ifndef WHOKNOWS_SRC_INGEST_HISTORY_TSV_H_
#define WHOKNOWS_SRC_INGEST_HISTORY_TSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "whoknows/core/result.h"

namespace whoknows::ingest::internal {

// The whole content of `path`, decompressed when it is gzip (zlib reads plain files as they are).
// IOError when it cannot be opened or read.
Result<std::string> ReadMaybeGz(const std::string& path);

// A parsed table: the header's column names and the rows' fields, as views into `text`, which
// must outlive the table.  A trailing '\r' is dropped; blank lines are skipped.
class TsvTable {
 public:
  TsvTable(std::string name, std::string_view text);

  // The index of column `name`, or InvalidArgument "bad_history" naming the file.
  Result<size_t> Column(std::string_view name) const;
  bool HasColumn(std::string_view name) const;

  // Reads the next row into *fields; false at the end.
  bool Next(std::vector<std::string_view>* fields);
  int64_t line() const { return line_; }  // 1-based line of the last row read
  const std::string& name() const { return name_; }

  // InvalidArgument "bad_history": "<file>:<line>: <message>".
  Status Error(const std::string& message) const;

 private:
  static void Split(std::string_view line, std::vector<std::string_view>* fields);

  std::string name_;
  std::string_view rest_;
  std::vector<std::string_view> header_;
  int64_t line_ = 1;
};

}  // namespace whoknows::ingest::internal

#endif  // WHOKNOWS_SRC_INGEST_HISTORY_TSV_H_
