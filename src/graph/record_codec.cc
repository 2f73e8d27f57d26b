#include "record_codec.h"

#include <cstring>
#include <limits>
#include <utility>

namespace whoknows::graph::internal {
namespace {

// Node flags.
constexpr uint8_t kOptedOut = 1 << 0;
constexpr uint8_t kHasCreated = 1 << 1;
constexpr uint8_t kHasStart = 1 << 2;
constexpr uint8_t kHasEnd = 1 << 3;
constexpr uint8_t kNodeFlags = kOptedOut | kHasCreated | kHasStart | kHasEnd;

// Edge flags: which optional properties follow, in this order.  An absent one has its default.
constexpr uint8_t kHasWeight = 1 << 0;
constexpr uint8_t kHasLevel = 1 << 1;
constexpr uint8_t kHasPosition = 1 << 2;
constexpr uint8_t kHasSince = 1 << 3;
constexpr uint8_t kHasUntil = 1 << 4;
constexpr uint8_t kHasRole = 1 << 5;
constexpr uint8_t kEdgeFlags =
    kHasWeight | kHasLevel | kHasPosition | kHasSince | kHasUntil | kHasRole;

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutString(std::string* out, std::string_view s) {
  PutVarint(out, s.size());
  out->append(s);
}

// REQUIRES: day != kNoDay (absent dates are flags, not values).
void PutDay(std::string* out, Day day) {
  const auto v = static_cast<uint32_t>(day);
  PutVarint(out, (v << 1) ^ static_cast<uint32_t>(day >> 31));  // zigzag
}

void PutU32BE(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

// Reads fields off the front of a byte string.  Every read checks the bytes left; the first
// failure is remembered and makes every later read fail too.
class Reader {
 public:
  Reader(std::string_view in, const char* what) : in_(in), what_(what) {}

  bool Byte(uint8_t* v) {
    if (!Need(1)) return false;
    *v = static_cast<uint8_t>(in_[0]);
    in_.remove_prefix(1);
    return true;
  }

  bool Varint(uint64_t* v) {
    uint64_t result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t byte;
      if (!Byte(&byte)) return false;
      // The tenth byte may only carry the top bit of a 64-bit value.
      if (shift == 63 && byte > 1) return Fail("varint overflows 64 bits");
      // A final zero byte after others would be a second spelling of a shorter varint.
      if (shift > 0 && byte == 0) return Fail("non-canonical varint");
      result |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        *v = result;
        return true;
      }
    }
    return Fail("varint overflows 64 bits");
  }

  template <typename S>  // std::string or Text
  bool String(S* s) {
    std::string_view v;
    if (!View(&v)) return false;
    s->assign(v.data(), v.size());
    return true;
  }

  // A string, as a view of the input.
  bool View(std::string_view* v) {
    uint64_t size;
    if (!Varint(&size) || !Need(size)) return false;
    *v = in_.substr(0, size);
    in_.remove_prefix(size);
    return true;
  }

  bool Date(Day* day) {
    uint64_t v;
    if (!Varint(&v)) return false;
    if (v > std::numeric_limits<uint32_t>::max()) return Fail("date out of range");
    const auto u = static_cast<uint32_t>(v);
    const auto decoded = static_cast<Day>((u >> 1) ^ (~(u & 1) + 1));  // un-zigzag
    if (decoded == kNoDay) return Fail("date out of range");
    *day = decoded;
    return true;
  }

  bool U32BE(uint32_t* v) {
    if (!Need(4)) return false;
    const auto* p = reinterpret_cast<const unsigned char*>(in_.data());
    *v = (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
    in_.remove_prefix(4);
    return true;
  }

  // A count of items that each take at least one byte: larger than the bytes left is corrupt.
  bool Count(uint64_t* n) {
    if (!Varint(n)) return false;
    return *n <= in_.size() || Fail("count exceeds the record");
  }

  bool Version() {
    uint8_t version;
    if (!Byte(&version)) return false;
    return version == kRecordFormatVersion || Fail("unknown format version");
  }

  bool Flags(uint8_t known, uint8_t* flags) {
    if (!Byte(flags)) return false;
    return (*flags & ~known) == 0 || Fail("unknown flags");
  }

  bool Fail(const char* why) {
    if (error_.empty()) error_ = why;
    in_ = {};
    return false;
  }

  // The Status for a failed read, or for bytes left over after a complete record.
  Status Finish() const {
    if (error_.empty() && in_.empty()) return Status::OK();
    return Status::Corruption(std::string("bad ") + what_ + ": " +
                              (error_.empty() ? "trailing bytes" : error_));
  }

 private:
  bool Need(uint64_t n) { return n <= in_.size() || Fail("truncated"); }

  std::string_view in_;
  const char* what_;
  std::string error_;
};

bool ReadKind(Reader& r, Kind* kind) {
  uint8_t k;
  if (!r.Byte(&k)) return false;
  for (Kind known : kAllKinds) {
    if (static_cast<uint8_t>(known) == k) {
      *kind = known;
      return true;
    }
  }
  return r.Fail("unknown kind");
}

bool ReadAliases(Reader& r, StringList* aliases) {
  uint64_t count;
  if (!r.Count(&count)) return false;
  aliases->clear();
  if (count == 0) return true;  // most nodes: nothing allocated
  std::vector<std::string>& items = aliases->mutable_vec();
  items.resize(count);
  for (std::string& alias : items) {
    if (!r.String(&alias)) return false;
  }
  return true;
}

bool ReadOptionalDate(Reader& r, uint8_t flags, uint8_t bit, Day* day) {
  return (flags & bit) == 0 || r.Date(day);
}

}  // namespace

std::string EncodeNodeData(const NodeData& node) {
  std::string out;
  EncodeNodeDataInto(node, node.id, &out);
  return out;
}

void EncodeNodeDataInto(const NodeData& node, std::string_view id, std::string* out_string) {
  std::string& out = *out_string;
  out.clear();
  out.push_back(static_cast<char>(kRecordFormatVersion));
  out.push_back(static_cast<char>(node.kind));
  uint8_t flags = 0;
  if (node.opted_out) flags |= kOptedOut;
  if (node.created != kNoDay) flags |= kHasCreated;
  if (node.start != kNoDay) flags |= kHasStart;
  if (node.end != kNoDay) flags |= kHasEnd;
  out.push_back(static_cast<char>(flags));
  PutString(&out, id);
  for (const Text* s : {&node.name, &node.email, &node.title, &node.department, &node.location,
                        &node.description, &node.url, &node.text}) {
    PutString(&out, *s);
  }
  PutVarint(&out, node.aliases.size());
  for (const std::string& alias : node.aliases) PutString(&out, alias);
  if (flags & kHasCreated) PutDay(&out, node.created);
  if (flags & kHasStart) PutDay(&out, node.start);
  if (flags & kHasEnd) PutDay(&out, node.end);
}

Result<NodeData> DecodeNodeData(std::string_view bytes, TextArena* arena) {
  Reader r(bytes, "node record");
  NodeData node;
  uint8_t flags = 0;
  bool ok = r.Version() && ReadKind(r, &node.kind) && r.Flags(kNodeFlags, &flags);
  for (Text* s : {&node.id, &node.name, &node.email, &node.title, &node.department, &node.location,
                  &node.description, &node.url, &node.text}) {
    std::string_view v;
    ok = ok && r.View(&v);
    if (ok) *s = arena ? arena->Copy(v) : Text(v);
  }
  ok = ok && ReadAliases(r, &node.aliases) &&
       ReadOptionalDate(r, flags, kHasCreated, &node.created) &&
       ReadOptionalDate(r, flags, kHasStart, &node.start) &&
       ReadOptionalDate(r, flags, kHasEnd, &node.end);
  WK_RETURN_IF_ERROR(r.Finish());
  node.opted_out = (flags & kOptedOut) != 0;
  return node;
}

std::string EncodeEdgeProps(const EdgeProps& props) {
  std::string out;
  EncodeEdgePropsInto(props, &out);
  return out;
}

void EncodeEdgePropsInto(const EdgeProps& props, std::string* out_string) {
  const EdgeProps defaults;
  uint8_t flags = 0;
  if (props.weight != defaults.weight) flags |= kHasWeight;
  if (props.level != defaults.level) flags |= kHasLevel;
  if (props.position != defaults.position) flags |= kHasPosition;
  if (props.since != kNoDay) flags |= kHasSince;
  if (props.until != kNoDay) flags |= kHasUntil;
  if (!props.role.empty()) flags |= kHasRole;

  std::string& out = *out_string;
  out.clear();
  out.push_back(static_cast<char>(kRecordFormatVersion));
  out.push_back(static_cast<char>(flags));
  if (flags & kHasWeight) {
    uint32_t bits;
    static_assert(sizeof(bits) == sizeof(props.weight), "float is IEEE-754 binary32");
    std::memcpy(&bits, &props.weight, sizeof(bits));
    PutU32BE(&out, bits);
  }
  if (flags & kHasLevel) out.push_back(static_cast<char>(props.level));
  if (flags & kHasPosition) PutVarint(&out, props.position);
  if (flags & kHasSince) PutDay(&out, props.since);
  if (flags & kHasUntil) PutDay(&out, props.until);
  if (flags & kHasRole) PutString(&out, props.role);
}

Result<EdgeProps> DecodeEdgeProps(std::string_view bytes) {
  Reader r(bytes, "edge properties");
  EdgeProps props;
  uint8_t flags = 0;
  bool ok = r.Version() && r.Flags(kEdgeFlags, &flags);
  // A property flagged present must differ from its default: one spelling per value.
  const EdgeProps defaults;
  if (ok && (flags & kHasWeight)) {
    uint32_t bits = 0;
    ok = r.U32BE(&bits);
    std::memcpy(&props.weight, &bits, sizeof(bits));
    ok = ok && (props.weight != defaults.weight || r.Fail("default weight spelled out"));
  }
  if (ok && (flags & kHasLevel)) {
    ok = r.Byte(&props.level) && (props.level != defaults.level || r.Fail("zero level"));
  }
  if (ok && (flags & kHasPosition)) {
    uint64_t position = 0;
    ok = r.Varint(&position) &&
         (position <= std::numeric_limits<uint16_t>::max() || r.Fail("position out of range")) &&
         (position != defaults.position || r.Fail("zero position"));
    props.position = static_cast<uint16_t>(position);
  }
  ok = ok && ReadOptionalDate(r, flags, kHasSince, &props.since) &&
       ReadOptionalDate(r, flags, kHasUntil, &props.until);
  if (ok && (flags & kHasRole) && r.String(&props.role) && props.role.empty()) r.Fail("empty role");
  WK_RETURN_IF_ERROR(r.Finish());
  return props;
}

}  // namespace whoknows::graph::internal
