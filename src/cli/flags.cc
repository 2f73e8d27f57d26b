#include "flags.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "whoknows/query/evaluation.h"

namespace whoknows::cli {

Result<Flags> Flags::Parse(const std::vector<std::string>& args,
                           const std::set<std::string>& valued,
                           const std::set<std::string>& switches) {
  Flags flags;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      flags.positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (switches.count(name)) {
      if (value) return Status::InvalidArgument("invalid_flag", "--" + name + " takes no value");
      flags.values_[name] = "true";
    } else if (valued.count(name)) {
      if (!value) {
        if (i + 1 >= args.size()) {
          return Status::InvalidArgument("invalid_flag", "--" + name + " needs a value");
        }
        value = args[++i];
      }
      flags.values_[name] = *value;
    } else {
      return Status::InvalidArgument("unknown_flag", "unknown flag --" + name);
    }
  }
  return flags;
}

std::string Flags::Get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

Result<long long> Flags::GetInt(const std::string& name, long long fallback, long long min,
                                long long max) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(it->second.c_str(), &end, 10);
  if (errno != 0 || end == it->second.c_str() || *end != '\0' || v < min || v > max) {
    return Status::InvalidArgument("invalid_flag", "--" + name + " must be an integer from " +
                                                       std::to_string(min) + " to " +
                                                       std::to_string(max));
  }
  return v;
}

Result<Day> Flags::GetDate(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return kNoDay;
  auto day = ParseDate(it->second);
  if (!day) {
    return Status::InvalidArgument("invalid_flag", "--" + name + " must be a date YYYY-MM-DD");
  }
  return *day;
}

Result<std::string> Flags::Require(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) {
    return Status::InvalidArgument("missing_flag", "--" + name + " is required");
  }
  return it->second;
}

Result<query::RankingConfig> RankingFrom(const Flags& flags) {
  auto preset = query::RankingPreset(flags.Get("preset", "default"));
  if (!preset.ok()) return Status::InvalidArgument("invalid_flag", preset.status().message());
  return *preset;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    out.push_back(text.substr(start, comma == std::string::npos ? comma : comma - start));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

bool IsTerminal(int fd) { return isatty(fd) == 1; }

}  // namespace whoknows::cli
