// The subcommands of the `whoknows` tool.  Each takes the arguments after its name and returns
// the process exit code: 0 on success, 1 when the work failed, 2 for a usage error.  Errors go to
// stderr, results to stdout.
#ifndef WHOKNOWS_CLI_COMMANDS_H_
#define WHOKNOWS_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "whoknows/core/status.h"

namespace whoknows::cli {

using Args = std::vector<std::string>;

int RunServe(const Args& args);
int RunKeys(const Args& args);
int RunImport(const Args& args);
int RunImportHistory(const Args& args);
int RunEval(const Args& args);
int RunExperts(const Args& args);
int RunCommunities(const Args& args);
int RunStats(const Args& args);
int RunCoverage(const Args& args);
int RunTeam(const Args& args);
int RunGenerate(const Args& args);
int RunCheck(const Args& args);
int RunBackup(const Args& args);
int RunRestore(const Args& args);

// Prints "whoknows <command>: <status>" to stderr and returns the exit code for `status`:
// 2 for usage errors (InvalidArgument from flag parsing), 1 otherwise.
int Fail(const std::string& command, const Status& status);

}  // namespace whoknows::cli

#endif  // WHOKNOWS_CLI_COMMANDS_H_
