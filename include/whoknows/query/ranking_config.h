// Every weight of the expertise ranking, in one place.  Defaults are the best general setting we
// measured (docs/quality.md once evaluation lands); the CLI and server can override them.
#ifndef WHOKNOWS_QUERY_RANKING_CONFIG_H_
#define WHOKNOWS_QUERY_RANKING_CONFIG_H_

#include <map>
#include <string>

namespace whoknows::query {

struct RankingConfig {
  // Documents.  An author of a document with n authors gets author_weight / n; a contributor with
  // role r gets role weight / (number of contributors), roles not listed get contributor_weight.
  double author_weight = 1.0;
  double contributor_weight = 0.3;
  std::map<std::string, double> role_weights = {{"reviewer", 0.5}, {"reviewed-by", 0.5},
                                                {"acked-by", 0.5}, {"maintainer", 0.6},
                                                {"tester", 0.3},   {"tested-by", 0.3}};
  // Specificity: a person's document shares are divided by (1 + activity)^activity_exponent,
  // activity = the number of edges pointing at the person (documents, memberships, ...), so that
  // people active everywhere do not top every topic.  0 = off.
  double activity_exponent = 0.0;
  // Last activity: a person's document shares are also multiplied by
  // 0.5^(days from their latest document to as_of / person_half_life_days), latest = the newest
  // document they authored or contributed to (dates after as_of count as as_of; undated ones are
  // not looked at; none dated: no decay), so that people who stopped contributing long ago (left
  // the project) rank below those still active.  0 = off.
  double person_half_life_days = 0.0;
  // Evidence loses half its weight every half-life (days) before the as-of date.
  double document_half_life_days = 730.0;
  double project_half_life_days = 1095.0;

  // Projects: project_weight x role factor x duration factor (0.5 + 0.5 x min(1, years)).
  double project_weight = 0.6;
  std::map<std::string, double> project_role_weights = {{"lead", 1.5}, {"owner", 1.5}};

  // A declared skill at level L contributes skill_weight x L / 5: weak on purpose.
  double skill_weight = 0.15;
  // n endorsements contribute endorsement_weight x log2(1 + n): diminishing returns.
  double endorsement_weight = 0.2;

  // Topic expansion: evidence on a topic d levels narrower counts narrower_decay^d (d <= max);
  // evidence on a related topic counts related_weight.
  double narrower_decay = 0.5;
  int max_narrower_depth = 3;
  double related_weight = 0.25;
};

}  // namespace whoknows::query

#endif  // WHOKNOWS_QUERY_RANKING_CONFIG_H_
