// The fixed vocabulary of the demo company: its topic taxonomy, departments, job roles, offices,
// names and project code names.  The raw tables live in catalog_*.cc; GetCatalog() resolves their
// cross-references (topic ids to indices) once.
#ifndef WHOKNOWS_SRC_DEMO_CATALOG_H_
#define WHOKNOWS_SRC_DEMO_CATALOG_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace whoknows::demo {

// Decides which title templates and failure phrases fit a topic.
enum class Category : uint8_t {
  kCode,
  kInfra,
  kData,
  kMl,
  kClient,
  kSecurity,
  kPayments,
  kBusiness,
  kDesign,
};

// Index into Catalog::topics; the taxonomy has fewer than 256 topics.
using TopicIndex = uint8_t;

// Raw table rows.  Lists are '|'-separated; topic lists hold topic ids.
struct TopicDef {
  const char* id;
  const char* name;
  const char* aliases;
  const char* broader;
  const char* related;
  Category category;
  const char* description;  // "" for none
};

struct DepartmentDef {
  const char* name;
  const char* slug;  // used in document URLs
  const char* head_title;
  const char* director_title;
  const char* manager_title;
  uint8_t home_office;  // index into kOffices
  uint32_t weight;      // share of the headcount, in percent
  bool technical;       // engineering ladder, reviewers and testers on documents
  const char* topics;   // characteristic topics, most popular first
  const char* areas;    // the systems or programmes its teams own, used in titles
};

struct RoleDef {
  uint8_t department;  // index into the department table
  const char* title;   // the base of an individual contributor's title, e.g. "Data Engineer"
  const char* project_role;
  uint32_t weight;     // how common the role is within its department
  const char* topics;  // the role's typical topics, most typical first
};

struct Topic {
  std::string_view id;
  std::string_view name;
  std::string_view description;
  std::vector<std::string_view> aliases;
  std::vector<TopicIndex> broader;
  std::vector<TopicIndex> related;
  std::vector<TopicIndex> narrower;
  Category category;
  bool tool = false;  // a product or language one adopts, upgrades, migrates to
};

struct Department {
  std::string_view name;
  std::string_view slug;
  std::string_view head_title;
  std::string_view director_title;
  std::string_view manager_title;
  uint8_t home_office;
  uint32_t weight;
  bool technical;
  std::vector<TopicIndex> topics;
  std::vector<std::string_view> areas;
  std::vector<uint8_t> roles;  // indices into Catalog::roles
  uint32_t role_weight_total = 0;
};

struct Role {
  std::string_view title;
  std::string_view project_role;
  uint8_t department;
  uint32_t weight;
  std::vector<TopicIndex> topics;
};

// Department 0 is the executive office: the CEO alone, with no share of the headcount.
constexpr uint8_t kExecutive = 0;

struct Catalog {
  std::vector<Topic> topics;
  std::vector<Department> departments;
  std::vector<Role> roles;
  std::vector<std::string_view> offices;  // the last one is "Remote"
  std::vector<uint32_t> office_weights;   // for people placed away from their home office
  std::vector<std::string_view> first_names;
  std::vector<std::string_view> surname_heads;  // surnames are a head and a tail: "Ash" "wood"
  std::vector<std::string_view> surname_tails;
  std::vector<std::string_view> codenames;
  std::vector<TopicIndex> common_topics;  // cross-cutting topics anyone may pick up

  size_t surname_count() const { return surname_heads.size() * surname_tails.size(); }
};

// The catalog, built on first use (thread-safe).  Its cross-references are checked by assertions:
// a misspelt topic id in a table is a programmer error.
const Catalog& GetCatalog();

std::string_view CompanyNameText();
std::string_view CompanyDomain();     // e-mail domain, e.g. "fernhollow.example"
std::string_view CompanyShortName();  // as used in titles: "Onboarding guide: Go at Fernhollow"

// Raw tables (catalog_topics.cc, catalog_org.cc).
extern const TopicDef kTopicDefs[];
extern const size_t kTopicDefCount;
extern const DepartmentDef kDepartmentDefs[];
extern const size_t kDepartmentDefCount;
extern const RoleDef kRoleDefs[];
extern const size_t kRoleDefCount;
// '|'-separated lists.
extern const char* const kOfficeList;
extern const char* const kOfficeWeights;
extern const char* const kFirstNameList;
extern const char* const kSurnameHeadList;
extern const char* const kSurnameTailList;
extern const char* const kCodenameList;
extern const char* const kCommonTopicList;
extern const char* const kToolTopicList;

}  // namespace whoknows::demo

#endif  // WHOKNOWS_SRC_DEMO_CATALOG_H_
