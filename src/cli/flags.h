// A small command-line parser: `--name value`, `--name=value`, boolean `--name`, and positional
// arguments.  Each subcommand declares the flags it knows; anything else is an error.
#ifndef WHOKNOWS_CLI_FLAGS_H_
#define WHOKNOWS_CLI_FLAGS_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "whoknows/core/date.h"
#include "whoknows/core/result.h"
#include "whoknows/query/ranking_config.h"

namespace whoknows::cli {

class Flags {
 public:
  // `valued` flags take a value; `switches` take none.  InvalidArgument on an unknown flag or a
  // valued flag without a value.
  static Result<Flags> Parse(const std::vector<std::string>& args,
                             const std::set<std::string>& valued,
                             const std::set<std::string>& switches);

  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  // InvalidArgument when present but not an integer in [min, max].
  Result<long long> GetInt(const std::string& name, long long fallback, long long min,
                           long long max) const;
  // InvalidArgument when present but not a date; kNoDay when absent.
  Result<Day> GetDate(const std::string& name) const;
  // InvalidArgument "missing_flag" when absent.
  Result<std::string> Require(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

// The ranking weights `--preset NAME` names (query::RankingPreset: "default" when absent).
// InvalidArgument "invalid_flag" for an unknown preset.
Result<query::RankingConfig> RankingFrom(const Flags& flags);

// "a,b,c" -> {"a", "b", "c"}; empty items are kept (so that callers can refuse them).
std::vector<std::string> SplitList(const std::string& text);

// True when the stream is a terminal: progress is shown only there.
bool IsTerminal(int fd);

}  // namespace whoknows::cli

#endif  // WHOKNOWS_CLI_FLAGS_H_
