// Text helpers of topic resolution: normalisation and a bounded edit distance.
#ifndef WHOKNOWS_SRC_QUERY_TEXT_MATCH_H_
#define WHOKNOWS_SRC_QUERY_TEXT_MATCH_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace whoknows::query::internal {

// Trims ASCII white space, folds every inner run of it to one space, and lower-cases ASCII
// letters.  Other bytes (UTF-8) are kept as they are.
std::string NormalizeText(std::string_view text);

// The words of normalised text: maximal runs without separators (space - _ / . , ( ) : ; &),
// each at least two bytes long.  Empty when the text is a single word.
std::vector<std::string> WordsOf(std::string_view normalized);

// The largest edit distance a fuzzy match of a query of `length` bytes may have: 0 (no fuzzy
// matching) up to 2 bytes, 1 up to 5, else 2.
size_t MaxEditDistance(size_t length);

// The optimal-string-alignment distance (Levenshtein plus adjacent transpositions) between `a` and
// `b`, or bound + 1 when it exceeds `bound`.  Works on bytes.  Keeps its rows between calls, so
// one instance serves a whole scan without allocating; not thread-safe.
class BoundedDistance {
 public:
  size_t operator()(std::string_view a, std::string_view b, size_t bound);

 private:
  std::vector<size_t> rows_;
};

}  // namespace whoknows::query::internal

#endif  // WHOKNOWS_SRC_QUERY_TEXT_MATCH_H_
