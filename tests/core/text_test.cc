#include "whoknows/core/text.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace whoknows {
namespace {

std::string Of(size_t n, char c = 'x') { return std::string(n, c); }

TEST_CASE("Text holds strings of every length, NUL-terminated, in 8 bytes", "[text]") {
  static_assert(sizeof(Text) == 8);
  for (size_t n : {0, 1, 5, 6, 7, 8, 9, 14, 15, 16, 17, 31, 100, 5000}) {
    const std::string s = Of(n, 'a') + "";
    const Text t(s);
    CHECK(t.size() == n);
    CHECK(t.view() == s);
    CHECK(t.c_str()[n] == '\0');
    CHECK(std::string(t.c_str()) == s);
    CHECK(t.empty() == (n == 0));
    CHECK(t.capacity() >= n);
  }
  CHECK(Text().empty());
  CHECK(Text().c_str()[0] == '\0');
}

TEST_CASE("Text keeps up to 6 bytes inline and longer ones on the heap", "[text]") {
  const Text short_text(Of(6));
  CHECK(short_text.capacity() == Text::kInline);
  // Inline bytes live in the object itself.
  const auto* self = reinterpret_cast<const char*>(&short_text);
  CHECK(short_text.data() == self);
  const Text long_text(Of(7));
  CHECK(long_text.data() != reinterpret_cast<const char*>(&long_text));
}

TEST_CASE("Text assignment reuses its heap buffer when the new contents fit", "[text]") {
  Text t(Of(100));
  const char* buffer = t.data();
  t = Of(40, 'b');
  CHECK(t.data() == buffer);
  CHECK(t == Of(40, 'b'));
  t = "short";  // fits inline, but the heap buffer is kept and reused
  CHECK(t.data() == buffer);
  CHECK(t == "short");
  t.clear();
  CHECK(t.empty());
  CHECK(t.capacity() >= 100);
  t = Of(200, 'c');
  CHECK(t == Of(200, 'c'));
}

TEST_CASE("Text copies and moves own their bytes", "[text]") {
  for (size_t n : {3, 6, 7, 15, 16, 64}) {
    Text a(Of(n, 'q'));
    Text b(a);
    CHECK(b == a);
    if (n > Text::kInline) CHECK(b.data() != a.data());
    Text c(std::move(a));
    CHECK(c == Of(n, 'q'));
    CHECK(a.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
    Text d("other");
    d = std::move(c);
    CHECK(d == Of(n, 'q'));
    d = d;  // self-assignment keeps the contents
    CHECK(d == Of(n, 'q'));
    b = Text();
    CHECK(b.empty());
    std::vector<Text> many(100, Text(Of(n, 'z')));
    many.resize(1000);  // moved as the vector grows
    CHECK(many[99] == Of(n, 'z'));
    CHECK(many[999].empty());
  }
}

TEST_CASE("Text assign and append accept views of themselves", "[text]") {
  Text t("0123456789abcdef0123");  // on the heap
  t = t.substr(4, 6);
  CHECK(t == "456789");
  Text u("abcdef");  // inline, and twice its length on the heap
  u.append(u.view());
  CHECK(u == "abcdefabcdef");
  u = "abcdefghij";
  u.append(u.view());
  CHECK(u == "abcdefghijabcdefghij");
  u.append(u.view());
  CHECK(u == "abcdefghijabcdefghijabcdefghijabcdefghij");
  Text v("xy");
  for (int i = 0; i < 10; ++i) v += "xy";
  CHECK(v == "xyxyxyxyxyxyxyxyxyxyxy");
}

TEST_CASE("Text compares with every kind of string and hashes as its view", "[text]") {
  const Text t("hello");
  const std::string s = "hello";
  CHECK(t == s);
  CHECK(s == t);
  CHECK(t == "hello");
  CHECK("hello" == t);
  CHECK(t == std::string_view("hello"));
  CHECK(t != "hellO");
  CHECK("help" != t);
  CHECK(Text("a") < Text("b"));
  CHECK(t.find("ll") == 2);
  CHECK(t.compare("hello") == 0);
  CHECK(std::string("say ") + t == "say hello");
  std::ostringstream out;
  out << t;
  CHECK(out.str() == "hello");
  const std::string copied(t);
  CHECK(copied == "hello");
  std::unordered_set<Text> set{Text("a"), Text(Of(40))};
  CHECK(set.count(Text(Of(40))) == 1);
  CHECK(std::hash<Text>()(t) == std::hash<std::string_view>()("hello"));
}

TEST_CASE("a Text from an arena borrows its bytes, and copies and edits own theirs", "[text]") {
  TextArena arena;
  const Text short_one = arena.Copy("inline");
  CHECK(!short_one.borrowed());
  CHECK(arena.bytes() == 0);

  const std::string long_string = Of(40);
  Text t = arena.Copy(long_string);
  CHECK(t.borrowed());
  CHECK(t == long_string);
  CHECK(t.c_str()[40] == '\0');
  CHECK(arena.bytes() == 64 * 1024);  // one piece
  const Text next = arena.Copy(Of(50));
  // The same piece, after the first string and its NUL, rounded up to 4 bytes, and the next one's
  // 4-byte size.
  CHECK(next.data() == t.data() + 44 + 4);
  CHECK(next.size() == 50);
  CHECK(arena.bytes() == 64 * 1024);

  // A string longer than a quarter piece gets an allocation of its own.
  const Text big = arena.Copy(Of(20000));
  CHECK(big.borrowed());
  CHECK(big.size() == 20000);
  CHECK(arena.bytes() == 64 * 1024 + 20008);  // 4 + 20,001 rounded up to 4

  const Text copy = t;  // a copy owns its bytes
  CHECK(!copy.borrowed());
  CHECK(copy == t);
  CHECK(copy.data() != t.data());

  Text moved = std::move(t);  // a move keeps the reference
  CHECK(moved.borrowed());
  CHECK(moved == long_string);

  Text edited = arena.Copy(long_string);
  const char* const borrowed_bytes = edited.data();
  edited.append("!");  // an edit reallocates, and leaves the arena's bytes as they were
  CHECK(!edited.borrowed());
  CHECK(edited == long_string + "!");
  CHECK(std::string_view(borrowed_bytes, 40) == long_string);

  Text small = arena.Copy(long_string);
  small.assign("tiny");  // short enough to be inline
  CHECK(!small.borrowed());
  CHECK(small == "tiny");
  Text cleared = arena.Copy(long_string);
  cleared.clear();
  CHECK(cleared.empty());
  CHECK(!cleared.borrowed());
}

TEST_CASE("a Text that points holds the plain address, which leak checkers can follow", "[text]") {
  // LeakSanitizer and valgrind find live blocks by scanning aligned words for addresses: a Text
  // on the heap must hold its block's address (inside it, at the bytes) as a whole word.
  for (size_t n : {Text::kInline + 1, size_t{100}}) {
    const Text t(Of(n));
    uintptr_t word;
    std::memcpy(&word, &t, sizeof word);
    CHECK(word == reinterpret_cast<uintptr_t>(t.data()));
  }
  // A borrowed Text: the address with its low bit set, still inside the arena's piece.
  TextArena arena;
  for (size_t n : {size_t{7}, size_t{8}, size_t{9}, size_t{10}, size_t{40}}) {
    const Text t = arena.Copy(Of(n));
    uintptr_t word;
    std::memcpy(&word, &t, sizeof word);
    CHECK(word == (reinterpret_cast<uintptr_t>(t.data()) | 1));
    CHECK(t.size() == n);
  }
}

}  // namespace
}  // namespace whoknows
