// POST /v1/admin/backup: a consistent copy of the live database (graph/backup.h).
#include <filesystem>
#include <nlohmann/json.hpp>

#include "service_util.h"
#include "whoknows/api/service.h"
#include "whoknows/graph/backup.h"

namespace whoknows::api {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

// The largest accepted target path, in bytes (PATH_MAX on Linux).
constexpr size_t kMaxPathBytes = 4096;

Result<std::string> ParseBackupBody(std::string_view body) {
  WK_ASSIGN_OR_RETURN(json doc, internal::ParseJsonBody(body));
  if (!doc.is_object()) {
    return Status::InvalidArgument("malformed_json", "the body must be an object");
  }
  for (const auto& [key, value] : doc.items()) {
    if (key != "to") {
      return Status::InvalidArgument("invalid_parameter",
                                     "unknown field '" + internal::Excerpt(key) + "'; only to");
    }
  }
  if (!doc.contains("to")) {
    return Status::InvalidArgument("missing_parameter", "to is required: an absolute directory");
  }
  const json& to = doc["to"];
  if (!to.is_string() || to.get_ref<const std::string&>().empty() ||
      to.get_ref<const std::string&>().size() > kMaxPathBytes ||
      to.get_ref<const std::string&>().find('\0') != std::string::npos) {
    return Status::InvalidArgument("invalid_parameter", "to must be a directory path");
  }
  return to.get<std::string>();
}

// Whether `path` is below `root` (both absolute).
bool IsBelow(const std::string& path, const std::string& root) {
  const fs::path p = fs::path(path).lexically_normal();
  const fs::path r = fs::path(root).lexically_normal();
  auto rel = p.lexically_relative(r);
  return !rel.empty() && *rel.begin() != ".." && rel != ".";
}

}  // namespace

Result<json> Service::Backup(std::string_view body) {
  WK_ASSIGN_OR_RETURN(std::string to, ParseBackupBody(body));
  if (!options_.backup_root.empty() &&
      (!fs::path(to).is_absolute() || !IsBelow(to, options_.backup_root))) {
    return Status::InvalidArgument(
        "invalid_backup_target",
        "backups go below " + options_.backup_root + ", not '" + internal::Excerpt(to) + "'");
  }
  WK_RETURN_IF_ERROR(graph::BackupDatabase(db_, to));
  return json{{"to", fs::path(to).lexically_normal().string()}};
}

}  // namespace whoknows::api
