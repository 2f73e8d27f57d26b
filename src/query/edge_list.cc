#include "whoknows/query/edge_list.h"

#include <cmath>
#include <cstdlib>
#include <unordered_map>

namespace whoknows::query {
namespace {

Status LineError(size_t line, const std::string& what) {
  return Status::InvalidArgument("invalid_edge_list", "line " + std::to_string(line) + ": " + what);
}

Result<double> ParseWeight(const std::string& text, size_t line) {
  char* end = nullptr;
  const double w = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(w) || w < 0) {
    return LineError(line, "weight '" + text + "' is not a finite number >= 0");
  }
  return w;
}

}  // namespace

Result<EdgeList> ReadEdgeList(std::istream& in) {
  EdgeList list;
  std::unordered_map<std::string, uint32_t> index;
  auto node = [&](const std::string& name) {
    auto [it, added] = index.emplace(name, static_cast<uint32_t>(list.names.size()));
    if (added) list.names.push_back(name);
    return it->second;
  };
  std::string text;
  size_t line = 0;
  while (std::getline(in, text)) {
    if (++line == 1) continue;  // header
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty() || text[0] == '#') continue;
    const size_t t1 = text.find('\t');
    if (t1 == std::string::npos) return LineError(line, "expected source<TAB>target[<TAB>weight]");
    const size_t t2 = text.find('\t', t1 + 1);
    WeightedEdge e;
    e.u = node(text.substr(0, t1));
    e.v = node(text.substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1));
    if (t2 != std::string::npos) {
      const size_t t3 = text.find('\t', t2 + 1);
      WK_ASSIGN_OR_RETURN(e.weight, ParseWeight(text.substr(t2 + 1, t3 - t2 - 1), line));
    }
    list.edges.push_back(e);
  }
  return list;
}

}  // namespace whoknows::query
