// The person-centric walk shared by PersonExpertise and the experts cache: from one person to
// the items they have evidence from, and from there to their rows on one expansion.  The rows
// are those FindExperts finds for the person (same functions, same contributions), so their
// SortAndSum equals the person's FindExperts score bit for bit.
#ifndef WHOKNOWS_SRC_QUERY_PERSON_ROWS_H_
#define WHOKNOWS_SRC_QUERY_PERSON_ROWS_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "evidence.h"

namespace whoknows::query::internal {

// Everything a person has evidence from, whatever its topic.
struct PersonItems {
  std::vector<graph::Vid> documents;
  std::vector<graph::Vid> projects;
  std::vector<graph::Vid> endorsements;                // of the person
  std::vector<std::pair<graph::Vid, uint8_t>> skills;  // topic, level

  void SortUnique();
};

// The items of `person`, each once.
PersonItems CollectItems(const graph::GraphView& graph, graph::Vid person);

// Appends the rows of `person` on `expansion`, unsorted, as FindExperts would find them.
void PersonRows(const EvidenceScorer& scorer, const TopicExpansion& expansion, graph::Vid person,
                const PersonItems& items, std::vector<Row>* rows);

}  // namespace whoknows::query::internal

#endif  // WHOKNOWS_SRC_QUERY_PERSON_ROWS_H_
