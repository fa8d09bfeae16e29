#include "run_program.hpp"

#include "test_support.hpp"

#include <chrono>
#include <string_view>
#include <cstdlib>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace resconv::test {

ProgramResult run_resconv(const std::vector<std::string>& args, const std::string& input,
                          const std::vector<std::string>& env) {
  TempDir dir;
  write_file(dir / "stdin", input);
  std::vector<std::string> argv_s = {RESCONV_PROGRAM};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  // `env` replaces the test's own variables of the same name (getenv() would see the first
  // of two entries: under CTest that is RESCONV_PLUGIN_PATH= from the test's properties).
  std::vector<std::string> env_s;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    std::string_view name = entry.substr(0, entry.find('='));
    bool replaced = false;
    for (const auto& given : env)
      replaced = replaced || (given.size() > name.size() && given.compare(0, name.size(), name) == 0 &&
                              given[name.size()] == '=');
    if (!replaced)
      env_s.emplace_back(entry);
  }
  env_s.insert(env_s.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (auto& e : env_s)
    envp.push_back(e.data());
  envp.push_back(nullptr);

  std::string in_path = (dir / "stdin").string(), out_path = (dir / "stdout").string(),
              err_path = (dir / "stderr").string();
  auto started = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    int in = ::open(in_path.c_str(), O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  ProgramResult r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  r.peak_rss_kib = usage.ru_maxrss;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

} // namespace resconv::test
