// Deterministic pseudo-random numbers for the demo company.
//
// Every random choice comes from a SplitMix64 stream keyed by (seed, purpose, index), so an
// attribute of any entity can be recomputed on demand instead of stored, and the same options give
// the same bytes with every compiler and standard library: integer arithmetic only, no <random>
// distributions, no floating-point transcendental functions.
#ifndef WHOKNOWS_SRC_DEMO_RNG_H_
#define WHOKNOWS_SRC_DEMO_RNG_H_

#include <array>
#include <cassert>
#include <cstdint>

namespace whoknows::demo {

// What a stream decides.  Part of the stream key: changing how one attribute is drawn leaves the
// others as they were.
enum class Purpose : uint8_t {
  kStructure = 1,
  kTeam,
  kPerson,
  kPersonTopics,
  kProductivity,
  kSkills,
  kInterests,
  kProjects,
  kDocuments,
  kEndorsements,
};

// The SplitMix64 output function (Steele, Lea and Flood 2014).
constexpr uint64_t Scramble(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Largest n for which Rng::Zipf is defined.
constexpr uint32_t kMaxZipf = 64;

namespace internal {
// kZipfCumulative[n] = sum of floor(720720 / (i + 1)) for i < n.
constexpr std::array<uint32_t, kMaxZipf + 1> ZipfCumulative() {
  std::array<uint32_t, kMaxZipf + 1> cum{};
  for (uint32_t i = 0; i < kMaxZipf; ++i) cum[i + 1] = cum[i] + 720720 / (i + 1);
  return cum;
}
inline constexpr std::array<uint32_t, kMaxZipf + 1> kZipfCumulative = ZipfCumulative();
}  // namespace internal

class Rng {
 public:
  Rng(uint64_t seed, Purpose purpose, uint64_t index)
      : state_(Scramble(Scramble(seed ^ (uint64_t{static_cast<uint8_t>(purpose)} << 56)) +
                        Scramble(index + kGamma))) {}

  uint64_t Next() {
    state_ += kGamma;
    return Scramble(state_);
  }

  // Uniform in [0, n) (bias below 2^-32).  REQUIRES: n > 0.
  uint32_t Below(uint32_t n) {
    assert(n > 0);
    return static_cast<uint32_t>(((Next() >> 32) * n) >> 32);
  }
  // Uniform in [lo, hi].  REQUIRES: lo <= hi.
  uint32_t Between(uint32_t lo, uint32_t hi) { return lo + Below(hi - lo + 1); }
  bool Percent(uint32_t p) { return Below(100) < p; }
  bool PerMille(uint32_t p) { return Below(1000) < p; }

  // In [0, n) with density rising linearly towards n - 1 (the larger of two uniform draws): how
  // "more recent is more frequent" is drawn when the result counts days since some start.
  uint32_t Ramp(uint32_t n) {
    uint32_t a = Below(n), b = Below(n);
    return a > b ? a : b;
  }

  // In [0, n) with Zipf-like weights 1 / (i + 1): the first items of a list ordered by popularity
  // are chosen most.  REQUIRES: 0 < n <= kMaxZipf.
  uint32_t Zipf(uint32_t n) {
    assert(n > 0 && n <= kMaxZipf);
    uint32_t x = Below(internal::kZipfCumulative[n]);
    uint32_t i = 0;
    while (internal::kZipfCumulative[i + 1] <= x) ++i;
    return i;
  }

 private:
  static constexpr uint64_t kGamma = 0x9e3779b97f4a7c15ULL;
  uint64_t state_;
};

}  // namespace whoknows::demo

#endif  // WHOKNOWS_SRC_DEMO_RNG_H_
