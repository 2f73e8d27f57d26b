// Document titles and project names from templates that mention their topic, e.g.
// "Postmortem: Apache Kafka consumer lag in checkout" or "Kestrel: Terraform migration for
// payouts".
#ifndef WHOKNOWS_SRC_DEMO_TITLES_H_
#define WHOKNOWS_SRC_DEMO_TITLES_H_

#include <string>
#include <string_view>

#include "catalog.h"
#include "rng.h"

namespace whoknows::demo {

struct TitleParts {
  const Topic* topic = nullptr;   // required
  const Topic* second = nullptr;  // another topic of the document, or nullptr
  std::string_view area;          // the system or programme, e.g. "checkout"
  int year = 0;
  int quarter = 0;
};

// Appends a title for a document about `parts.topic`.  The template family follows the topic's
// category (engineering, security, business, product and design).
void AppendDocumentTitle(std::string& out, Rng& rng, const TitleParts& parts);

// Appends a project name: "<codename>: <purpose mentioning the topic>".
void AppendProjectName(std::string& out, Rng& rng, std::string_view codename,
                       const TitleParts& parts);

}  // namespace whoknows::demo

#endif  // WHOKNOWS_SRC_DEMO_TITLES_H_
