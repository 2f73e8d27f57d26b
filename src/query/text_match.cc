#include "text_match.h"

#include <algorithm>

namespace whoknows::query::internal {

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsSeparator(char c) {
  switch (c) {
    case ' ':
    case '-':
    case '_':
    case '/':
    case '.':
    case ',':
    case '(':
    case ')':
    case ':':
    case ';':
    case '&':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string NormalizeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::vector<std::string> WordsOf(std::string_view normalized) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < normalized.size()) {
    while (i < normalized.size() && IsSeparator(normalized[i])) ++i;
    size_t j = i;
    while (j < normalized.size() && !IsSeparator(normalized[j])) ++j;
    if (j - i >= 2) words.emplace_back(normalized.substr(i, j - i));
    i = j;
  }
  if (words.size() == 1 && words[0].size() == normalized.size()) words.clear();
  return words;
}

size_t MaxEditDistance(size_t length) {
  if (length <= 2) return 0;
  return length <= 5 ? 1 : 2;
}

size_t BoundedDistance::operator()(std::string_view a, std::string_view b, size_t bound) {
  size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > bound) return bound + 1;
  // Three rows of the dynamic programme: two back (for transpositions), previous, current.
  rows_.assign(3 * (m + 1), 0);
  size_t* prev2 = rows_.data();
  size_t* prev = prev2 + (m + 1);
  size_t* cur = prev + (m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, prev2[j - 2] + 1);
      }
      cur[j] = d;
      row_min = std::min(row_min, d);
    }
    if (row_min > bound) return bound + 1;
    size_t* recycled = prev2;
    prev2 = prev;
    prev = cur;
    cur = recycled;
  }
  return std::min(prev[m], bound + 1);
}

}  // namespace whoknows::query::internal
