// NDJSON records (schema/records.schema.json) to CSV tables, one file per kind of node and edge,
// for the COPY commands of the benchmark's peers (PostgreSQL, Kuzu).
#ifndef WHOKNOWS_BENCHMARKS_TOOLS_CSV_TABLES_H_
#define WHOKNOWS_BENCHMARKS_TOOLS_CSV_TABLES_H_

#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace whoknows::bench {

// The tables and their columns (each file starts with this header row):
//   person(id,name,department,title,location,manager,opted_out)  topic(id,name)
//   broader(topic,broader)  related(topic,related)  interest(person,topic)
//   skill(person,topic,level)  document(id,title,created)  authored(document,person)
//   contributor(document,person,role)  about(document,topic,weight)  project(id,name,start)
//   member(project,person,role)  project_about(project,topic)  endorsement(from,to,topic)
// A missing value is an empty field (NULL for both COPYs); text is quoted when it needs it.
class CsvTables {
 public:
  explicit CsvTables(const std::filesystem::path& dir);
  ~CsvTables();
  CsvTables(const CsvTables&) = delete;
  CsvTables& operator=(const CsvTables&) = delete;

  // Appends one record's rows.  False for a value that is not a record of a known type.
  bool Add(const nlohmann::json& record);
  // Flushes and closes every file; false when any write failed.
  bool Close();
  // Rows written per table (header rows not counted).
  std::map<std::string, size_t> Rows() const;

 private:
  struct Table;
  Table& Get(std::string_view name);
  void Row(std::string_view table, std::initializer_list<std::string_view> fields);
  bool AddPerson(const nlohmann::json& r);
  bool AddTopic(const nlohmann::json& r);
  bool AddDocument(const nlohmann::json& r);
  bool AddProject(const nlohmann::json& r);

  std::filesystem::path dir_;
  std::vector<Table*> tables_;
  std::string line_;
};

}  // namespace whoknows::bench

#endif  // WHOKNOWS_BENCHMARKS_TOOLS_CSV_TABLES_H_
