// Service: the record endpoints, PUT/GET/DELETE /v1/{kind}/{id} and GET /v1/{kind}.
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "cursor.h"
#include "service_util.h"
#include "whoknows/api/service.h"
#include "whoknows/ingest/records.h"

namespace whoknows::api {

namespace {

using graph::Kind;
using graph::NodeData;
using graph::Vid;
using nlohmann::json;

Status NotFound(Kind kind, std::string_view id) {
  return Status::NotFound(
      "not_found", "no " + std::string(graph::KindName(kind)) + " '" + internal::Excerpt(id) + "'");
}

// True when `node` is the live entity (kind, id) and visible to the caller: opted-out people only
// to callers who may see private fields.
bool Visible(const NodeData* node, Kind kind, std::string_view id, bool private_fields) {
  return node != nullptr && node->kind == kind && node->id == id &&
         (!node->opted_out || private_fields);
}

bool Matches(const NodeData& node, const ListParams& params) {
  return (params.department.empty() ||
          internal::EqualsIgnoreCase(node.department, params.department)) &&
         (params.location.empty() || internal::EqualsIgnoreCase(node.location, params.location));
}

Status CheckListParams(Kind kind, const ListParams& params) {
  WK_RETURN_IF_ERROR(internal::CheckLimit(params.limit));
  if (kind != Kind::kPerson && (!params.department.empty() || !params.location.empty())) {
    return Status::InvalidArgument("invalid_parameter",
                                   "only people can be filtered by department or location");
  }
  return Status::OK();
}

}  // namespace

Result<json> Service::PutRecord(Kind kind, std::string_view id, std::string_view body,
                                bool* created, bool private_fields) {
  WK_RETURN_IF_ERROR(internal::CheckId(id));
  WK_ASSIGN_OR_RETURN(json parsed, internal::ParseJsonBody(body));
  WK_ASSIGN_OR_RETURN(graph::Record record, ingest::ParseRecord(parsed, kind, id));
  auto applied = db_.Apply({std::move(record)});
  // Apply numbers the offending record in line(); a PUT has one record and no lines.
  if (!applied.ok()) return applied.status().WithLine(0);
  if (created != nullptr) *created = !applied->created.empty() && applied->created[0];

  auto vid = db_.Lookup(kind, id);
  auto snapshot = db_.Snapshot();
  const NodeData* node = vid ? snapshot->Node(*vid) : nullptr;
  if (node == nullptr || node->kind != kind || node->id != id) {
    return Status::Conflict("concurrent_write",
                            "the record was written, but another request changed it before it "
                            "could be read back");
  }
  // The writer sees what they wrote, opted out or not.
  return ingest::RecordToJson(*snapshot, *vid, private_fields);
}

Result<json> Service::GetRecord(Kind kind, std::string_view id, bool private_fields) {
  WK_RETURN_IF_ERROR(internal::CheckId(id));
  auto vid = db_.Lookup(kind, id);
  if (!vid) return NotFound(kind, id);
  auto snapshot = db_.Snapshot();
  if (!Visible(snapshot->Node(*vid), kind, id, private_fields)) return NotFound(kind, id);
  return ingest::RecordToJson(*snapshot, *vid, private_fields);
}

Status Service::DeleteRecord(Kind kind, std::string_view id) {
  WK_RETURN_IF_ERROR(internal::CheckId(id));
  Status status = db_.Delete(kind, id);
  if (status.IsNotFound()) return NotFound(kind, id);
  return status;
}

Result<json> Service::ListRecords(Kind kind, const ListParams& params, bool private_fields) {
  WK_RETURN_IF_ERROR(CheckListParams(kind, params));
  std::string after;
  if (!params.cursor.empty()) {
    auto decoded = internal::DecodeCursor(params.cursor);
    if (!decoded) {
      return Status::InvalidArgument("invalid_parameter",
                                     "parameter 'cursor' is not a cursor this server handed out");
    }
    after = std::move(*decoded);
  }
  auto snapshot = db_.Snapshot();
  struct Entry {
    Vid vid;
    const NodeData* node;
  };
  std::vector<Entry> page;
  for (Vid vid : snapshot->NodesOfKind(kind)) {
    const NodeData* node = snapshot->Node(vid);
    if (node == nullptr || node->opted_out || node->id.view() <= after) continue;
    if (Matches(*node, params)) page.push_back({vid, node});
  }
  auto by_id = [](const Entry& a, const Entry& b) { return a.node->id < b.node->id; };
  const bool more = page.size() > params.limit;
  if (more) {
    std::nth_element(page.begin(), page.begin() + static_cast<std::ptrdiff_t>(params.limit),
                     page.end(), by_id);
    page.resize(params.limit);
  }
  std::sort(page.begin(), page.end(), by_id);

  json items = json::array();
  for (const Entry& entry : page) {
    items.push_back(ingest::RecordToJson(*snapshot, entry.vid, private_fields));
  }
  json next = more ? json(internal::EncodeCursor(page.back().node->id)) : json(nullptr);
  return json{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

}  // namespace whoknows::api
