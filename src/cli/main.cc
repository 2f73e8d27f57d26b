// whoknows: one tool, several subcommands.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "commands.h"
#include "whoknows/core/huge_pages.h"

namespace {

constexpr char kUsage[] =
    "usage: whoknows <command> [flags]\n"
    "\n"
    "commands:\n"
    "  serve     --db DIR [--bind 127.0.0.1] [--port 8080] [--as-of DATE] [--max-body MIB]\n"
    "            [--preset default|history] [--max-import-records N] [--max-line-kib N]\n"
    "            [--read-timeout S] [--write-timeout S] [--threads N] [--backup-root DIR]\n"
    "            [--experts-cache-mib 256] [--warm-experts]:\n"
    "            serve the HTTP API (--port 0 picks a free port; --preset history ranks with\n"
    "            the weights tuned on repository histories; the experts cache keeps each topic's\n"
    "            ranking per graph version, 0 = off; --warm-experts fills it after open and\n"
    "            again once writes pause for a second)\n"
    "            [--keys FILE] [--tls-cert PEM --tls-key PEM] [--log FILE|-] [--audit FILE]:\n"
    "            bearer keys with roles (required beyond loopback), HTTPS, the request log\n"
    "            (JSON lines, stderr by default) and the audit log of writes\n"
    "            [--reply-cache-mib 64]: recent experts replies kept until the next write\n"
    "            (0 = none)\n"
    "  keys      add NAME reader|editor|admin | list | revoke NAME, with --keys FILE: API keys;\n"
    "            add prints the new token once\n"
    "  import    --db DIR [--phases] FILE... ('-' reads stdin): load NDJSON records, all or "
    "nothing\n"
    "  import-history --db DIR [--no-committer] [--no-file-share] [--no-creator] [--no-founder]\n"
    "            DATASET_DIR: load a repository history (people.tsv, commits.tsv.gz, ...;\n"
    "            see docs/quality.md), all or nothing\n"
    "  eval      --db DIR --truth FILE [--k 5] [--json] [--as-of DATE] [--preset default|history]\n"
    "            [--set NAME=VALUE,...] [--per-topic]: ranking quality (MRR, hit@k, P@k, R@k)\n"
    "            against a ground truth TSV; --as-of defaults to the date of the latest document\n"
    "            in the database\n"
    "  experts   --db DIR --topic T [--limit N] [--department D] [--location L] [--as-of DATE]\n"
    "            [--explain] [--json] [--preset default|history]: who knows about T\n"
    "  stats     --db DIR [--json]: what the database holds\n"
    "  coverage  --db DIR [--topics a,b] [--department D] [--min-score S] [--as-of DATE]\n"
    "            [--json|--csv]: experts, bus factor and risks per topic (every topic,\n"
    "            riskiest first)\n"
    "  team      --db DIR --topics a,b [--max-size N] [--alternatives K] [--exclude ids]\n"
    "            [--department D] [--leader ID] [--as-of DATE] [--json]: a team covering\n"
    "            the topics\n"
    "  communities --edges FILE.tsv [--resolution R] [--seed S] [--iterations N] [--unweighted]\n"
    "            [--until-stable]: Leiden on a weighted edge list (a header line, then\n"
    "            source<TAB>target[<TAB>weight]); prints node<TAB>community lines, then\n"
    "            '# modularity Q' and '# communities K'\n"
    "  generate  [--people N] [--seed S] [--out FILE]: write the fictional demo company as "
    "NDJSON\n"
    "  check     --db DIR [--json]: verify that the out and in edges mirror each other, every\n"
    "            edge's ends exist and the ids index matches the nodes (exit 1 when not)\n"
    "  backup    --db DIR --to DIR: a consistent copy of a database no server is using (a\n"
    "            running server: POST /v1/admin/backup)\n"
    "  restore   --from BACKUP --db DIR [--force]: verify a backup, then copy it into DIR\n"
    "            (--force replaces a database there)\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace whoknows::cli;
  // Most commands load the graph: millions of small arrays, on huge pages when malloc asks.
  whoknows::RestartWithHeapHugePages(argv);
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "help")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  const Args args(argv + 2, argv + argc);
  if (command == "serve") return RunServe(args);
  if (command == "keys") return RunKeys(args);
  if (command == "import") return RunImport(args);
  if (command == "import-history") return RunImportHistory(args);
  if (command == "eval") return RunEval(args);
  if (command == "experts") return RunExperts(args);
  if (command == "stats") return RunStats(args);
  if (command == "coverage") return RunCoverage(args);
  if (command == "team") return RunTeam(args);
  if (command == "communities") return RunCommunities(args);
  if (command == "generate") return RunGenerate(args);
  if (command == "check") return RunCheck(args);
  if (command == "backup") return RunBackup(args);
  if (command == "restore") return RunRestore(args);
  std::fprintf(stderr, "whoknows: unknown command '%s'\n\n%s", command.c_str(), kUsage);
  return 2;
}
