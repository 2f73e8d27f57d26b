#include "titles.h"

#include <cassert>
#include <iterator>

namespace whoknows::demo {

namespace {

// Placeholders: {t} topic, {u} second topic, {a} area, {p} a failure typical of the topic,
// {y} year, {q} quarter, {c} company.
// For products, languages and frameworks.
constexpr const char* kEngineeringTool[] = {
    "Design review: migrating {a} to {t}",
    "Postmortem: {t} {p} in {a}",
    "RFC: adopting {t} for {a}",
    "How we use {t} in {a}",
    "{t} runbook for {a}",
    "Benchmarking {t} for {a}",
    "Lessons learned running {t} in production",
    "Onboarding guide: {t} at {c}",
    "Tech talk: an introduction to {t}",
    "{t} best practices for {a}",
    "Upgrading {t} in {a}: plan and rollout",
    "Debugging {t} {p} in {a}",
    "Q{q} {y} roadmap: {t} in {a}",
    "ADR: {t} for {a}",
    "Cost review: {t} in {a}",
    "Deep dive: {t} internals",
    "Scaling {a} with {t}",
    "Evaluating {t} and {u} for {a}",
    "Postmortem: {t} {p} during the {u} rollout",
};

// For practices and fields: "Design review: observability in checkout".
constexpr const char* kEngineeringConcept[] = {
    "Design review: {t} in {a}",
    "RFC: {t} strategy for {a}",
    "How we approach {t} in {a}",
    "{t} best practices for {a}",
    "Tech talk: an introduction to {t}",
    "Onboarding guide: {t} at {c}",
    "Lessons learned: {t} in {a}",
    "Q{q} {y} roadmap: {t} in {a}",
    "ADR: {t} for {a}",
    "Postmortem: {p} in {a} and what it taught us about {t}",
    "Reading group notes: {t}",
    "{t} maturity assessment for {a}",
    "Improving {t} in {a}",
    "Evaluating {t} and {u} for {a}",
};

constexpr const char* kSecurity[] = {
    "Threat model: {t} in {a}",
    "Security review of {a}: {t} findings",
    "Incident report: {t} {p} affecting {a}",
    "{t} hardening checklist for {a}",
    "Audit readiness: {t} controls for {a}",
    "Red team exercise: {t} in {a}",
    "{t} policy for {a}",
    "Tabletop exercise: {t} scenario in {a}",
    "Q{q} {y} security roadmap: {t}",
    "{t} and {u}: shared controls for {a}",
};

constexpr const char* kBusiness[] = {
    "Q{q} {y} {t} review for {a}",
    "Playbook: {t} for {a}",
    "{t} policy update ({y})",
    "Proposal: improving {t} in {a}",
    "{t} guidelines for managers",
    "Retrospective: {t} in {a}",
    "Training deck: {t} essentials",
    "Survey results: {t} in {a}",
    "{t} process for {a}",
    "Metrics review: {t} for {a}",
    "FAQ: {t} at {c}",
    "{t} and {u}: aligning {a}",
};

constexpr const char* kDesign[] = {
    "Research findings: {t} for {a}",
    "Design critique: {t} in {a}",
    "Spec: {t} for {a}",
    "Usability study: {t} in {a}",
    "Q{q} {y} roadmap: {t} for {a}",
    "Proposal: rethinking {a} with {t}",
    "Workshop notes: {t} for {a}",
    "{t} principles at {c}",
    "Bringing {t} and {u} together in {a}",
};

constexpr const char* kProjectTool[] = {
    "{t} migration for {a}", "rolling out {t} in {a}", "{t} for {a}",
    "moving {a} to {t}",     "{t} upgrade in {a}",     "scaling {a} with {t}",
};

constexpr const char* kProjectOther[] = {
    "{t} programme for {a}",
    "improving {t} in {a}",
    "{t} for {a}",
    "{t} overhaul in {a}",
};

constexpr const char* kProblems[][8] = {
    /* kCode */ {"memory leak", "dependency regression", "deadlock", "build breakage",
                 "flaky tests", "thread starvation", "crash loop", "timeout storm"},
    /* kInfra */
    {"outage", "latency spike", "capacity shortfall", "misconfigured rollout", "certificate expiry",
     "node exhaustion", "DNS failure", "cascading failure"},
    /* kData */
    {"consumer lag", "pipeline backlog", "schema drift", "late-arriving events", "partition skew",
     "duplicate events", "query timeouts", "replication lag"},
    /* kMl */
    {"model drift", "feature skew", "training instability", "inference latency", "label leakage",
     "stale features", "score regression", "data drift"},
    /* kClient */
    {"crash spike", "rendering regression", "bundle size regression", "slow startup",
     "release rollback", "accessibility regression", "memory pressure", "broken deep links"},
    /* kSecurity */
    {"credential leak", "phishing campaign", "privilege escalation", "access misconfiguration",
     "expired secret", "vulnerable dependency", "token replay", "audit gap"},
    /* kPayments */
    {"double charges", "settlement delay", "reconciliation mismatch", "authorisation failures",
     "duplicate refunds", "payout delay", "currency rounding errors", "webhook backlog"},
    /* kBusiness */
    {"reporting error", "missed deadline", "process breakdown", "data quality issue",
     "handover gap", "approval backlog", "policy confusion", "tooling outage"},
    /* kDesign */
    {"usability regression", "inconsistent patterns", "missed deadline", "research gap",
     "handover gap", "design debt", "broken flows", "accessibility gap"},
};

template <size_t N>
const char* PickTemplate(Rng& rng, const char* const (&family)[N], bool has_second) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    const char* t = family[rng.Below(N)];
    if (has_second || std::string_view(t).find("{u}") == std::string_view::npos) return t;
  }
  return family[0];  // the first template of every family needs no second topic
}

void AppendNumber(std::string& out, int v) { out += std::to_string(v); }

void Expand(std::string& out, Rng& rng, std::string_view tmpl, const TitleParts& parts) {
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{' || i + 2 >= tmpl.size() || tmpl[i + 2] != '}') {
      out += tmpl[i];
      continue;
    }
    char key = tmpl[i + 1];
    i += 2;
    switch (key) {
      case 't':
        out += parts.topic->name;
        break;
      case 'u':
        out += parts.second != nullptr ? parts.second->name : parts.topic->name;
        break;
      case 'a':
        out += parts.area;
        break;
      case 'p':
        out += kProblems[static_cast<int>(parts.topic->category)][rng.Below(8)];
        break;
      case 'y':
        AppendNumber(out, parts.year);
        break;
      case 'q':
        AppendNumber(out, parts.quarter);
        break;
      case 'c':
        out += CompanyShortName();
        break;
      default:
        assert(false && "unknown title placeholder");
    }
  }
}

}  // namespace

void AppendDocumentTitle(std::string& out, Rng& rng, const TitleParts& parts) {
  assert(parts.topic != nullptr);
  bool second = parts.second != nullptr;
  const char* tmpl;
  switch (parts.topic->category) {
    case Category::kSecurity:
      tmpl = PickTemplate(rng, kSecurity, second);
      break;
    case Category::kBusiness:
      tmpl = PickTemplate(rng, kBusiness, second);
      break;
    case Category::kDesign:
      tmpl = PickTemplate(rng, kDesign, second);
      break;
    default:
      tmpl = parts.topic->tool ? PickTemplate(rng, kEngineeringTool, second)
                               : PickTemplate(rng, kEngineeringConcept, second);
      break;
  }
  Expand(out, rng, tmpl, parts);
}

void AppendProjectName(std::string& out, Rng& rng, std::string_view codename,
                       const TitleParts& parts) {
  out += codename;
  out += ": ";
  const char* tmpl = parts.topic->tool ? PickTemplate(rng, kProjectTool, false)
                                       : PickTemplate(rng, kProjectOther, false);
  Expand(out, rng, tmpl, parts);
}

}  // namespace whoknows::demo
