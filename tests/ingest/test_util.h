// Helpers shared by the ingest tests.
#ifndef WHOKNOWS_TESTS_INGEST_TEST_UTIL_H_
#define WHOKNOWS_TESTS_INGEST_TEST_UTIL_H_

#include <catch2/catch.hpp>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "whoknows/graph/model.h"
#include "whoknows/ingest/records.h"

namespace whoknows::ingest::testing {

// Parses a record that must be valid.
inline graph::Record MustParse(const nlohmann::json& body, graph::Kind kind) {
  Result<graph::Record> r = ParseRecord(body, kind, "");
  INFO(body.dump() << " -> " << r.status().ToString());
  REQUIRE(r.ok());
  return std::move(r).value();
}

// A readable rendering of every field and edge, so that CHECK(Describe(a) == Describe(b)) shows
// what differs.
inline std::string Describe(const graph::Record& r) {
  const graph::NodeData& n = r.node;
  std::ostringstream out;
  out << std::setprecision(9);  // floats exactly
  out << graph::KindName(n.kind) << " id=" << n.id << " name=" << n.name << " email=" << n.email
      << " title=" << n.title << " department=" << n.department << " location=" << n.location
      << " description=" << n.description << " url=" << n.url << " text=" << n.text
      << " opted_out=" << n.opted_out << " created=" << n.created << " start=" << n.start
      << " end=" << n.end << " aliases=[";
  for (const std::string& a : n.aliases) out << a << ";";
  out << "]\n";
  for (const graph::EdgeRecord& e : r.edges) {
    out << "  " << graph::EdgeTypeName(e.type) << " -> " << graph::KindName(e.dst_kind) << " "
        << e.dst_id << " weight=" << e.props.weight << " level=" << int{e.props.level}
        << " position=" << e.props.position << " since=" << e.props.since
        << " until=" << e.props.until << " role=" << e.props.role << "\n";
  }
  return out.str();
}

}  // namespace whoknows::ingest::testing

#endif  // WHOKNOWS_TESTS_INGEST_TEST_UTIL_H_
