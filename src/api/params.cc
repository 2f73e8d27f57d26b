#include "params.h"

namespace whoknows::api::internal {

namespace {

std::string Shown(std::string_view value) {
  return value.size() <= 40 ? std::string(value) : std::string(value.substr(0, 40)) + "...";
}

}  // namespace

ParamReader::ParamReader(const HttpRequest& request, std::initializer_list<std::string_view> known)
    : request_(request) {
  for (const auto& [name, value] : request.params) {
    bool is_known = false;
    for (std::string_view k : known) is_known = is_known || k == name;
    if (!is_known) {
      std::string list;
      for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      Fail(name,
           Status::InvalidArgument("invalid_parameter",
                                   "unknown parameter '" + Shown(name) + "'; this endpoint takes " +
                                       (list.empty() ? std::string("no parameters") : list)));
    } else if (request.params.count(name) > 1) {
      Fail(name, Status::InvalidArgument("invalid_parameter",
                                         "parameter '" + name + "' is given more than once"));
    } else if (value.size() > kMaxParamBytes) {
      Fail(name, Status::InvalidArgument("invalid_parameter",
                                         "parameter '" + name + "' is longer than " +
                                             std::to_string(kMaxParamBytes) + " bytes"));
    }
  }
}

const std::string* ParamReader::Find(std::string_view name) const {
  auto it = request_.params.find(std::string(name));
  return it == request_.params.end() ? nullptr : &it->second;
}

void ParamReader::Fail(std::string_view name, Status status) {
  if (!status_.ok()) return;  // the first problem is the one reported
  status_ = std::move(status);
  parameter_ = std::string(name);
}

std::string ParamReader::Optional(std::string_view name) {
  const std::string* value = Find(name);
  return value ? *value : std::string();
}

std::string ParamReader::Required(std::string_view name) {
  const std::string* value = Find(name);
  if (value == nullptr || value->empty()) {
    Fail(name, Status::InvalidArgument("missing_parameter",
                                       "parameter '" + std::string(name) + "' is required"));
    return std::string();
  }
  return *value;
}

size_t ParamReader::Size(std::string_view name, size_t fallback, size_t min, size_t max) {
  const std::string* value = Find(name);
  if (value == nullptr) return fallback;
  size_t n = 0;
  bool valid = !value->empty() && value->size() <= 9;
  for (char c : *value) {
    valid = valid && c >= '0' && c <= '9';
    if (valid) n = n * 10 + static_cast<size_t>(c - '0');
  }
  if (valid && n >= min && n <= max) return n;
  Fail(name,
       Status::InvalidArgument("invalid_parameter",
                               "parameter '" + std::string(name) + "' must be an integer from " +
                                   std::to_string(min) + " to " + std::to_string(max) + ", not '" +
                                   Shown(*value) + "'"));
  return fallback;
}

bool ParamReader::Bool(std::string_view name, bool fallback) {
  const std::string* value = Find(name);
  if (value == nullptr) return fallback;
  if (*value == "true") return true;
  if (*value == "false") return false;
  Fail(name, Status::InvalidArgument("invalid_parameter", "parameter '" + std::string(name) +
                                                              "' must be true or false, not '" +
                                                              Shown(*value) + "'"));
  return fallback;
}

void ParamReader::Reject(std::string_view name, std::string message) {
  Fail(name, Status::InvalidArgument("invalid_parameter", std::move(message)));
}

HttpReply ParamReader::ErrorReply() const {
  return internal::ErrorReply(status_, nlohmann::json{{"parameter", parameter_}});
}

}  // namespace whoknows::api::internal
