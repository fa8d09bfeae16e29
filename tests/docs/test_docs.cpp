// Every documented example command, run exactly as written: the fenced examples of README.md,
// docs/*.md, formats/*/spec.md and examples/custom-plugin/README.md, and the "Examples:" of
// every `resconv <command> --help`. Each runs in a fresh scratch folder holding the names the
// examples use (res.txt, res.json, draft.docx, pdfs/, archive/...), with `resconv` and
// `build/bin/resconv` resolving to the built program. An example must be classified below:
// run (with its exit code and outputs) or not runnable (with the reason). A new example that
// is not classified fails the test, so none can slip by unrun.
//
// Examples that need something absent (the corpus, GNU parallel, the AKN schema) are
// reported SKIPPED; when any was skipped and nothing failed the program exits 77, which
// CTest reports as skipped, never as passed.
#define CATCH_CONFIG_RUNNER
#include "examples.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace fs = std::filesystem;
using namespace resconv::test::docs;

namespace {

// An example gets this long before it is killed and failed: the slowest (16 Slurm tasks,
// each converting its shard) take a few seconds; a hang must not stall CI.
constexpr int example_timeout_seconds = 300;

// The job arrays of docs/batch.md: `sbatch --array=1-16` and `completions: 16`.
constexpr int array_tasks = 16;

// The Slurm script asks for `#SBATCH --cpus-per-task=8`; Slurm sets this from it.
constexpr const char* slurm_cpus_per_task = "8";

// ---------------------------------------------------------------------------------------
// What each example needs and must do.

struct Spec {
  std::string not_runnable;         ///< why it is not run; empty when it is run
  int exit_code = 0;                ///< the exit code the docs promise
  std::vector<std::string> outputs; ///< must exist and be non-empty ("{i}": per array task)
  bool prints = false;              ///< writes something on standard output
  std::vector<std::string> needs;   ///< "corpus", "parallel", "schema"
  std::string covers;               ///< folder whose every file the manifests in `outputs` list once
  std::vector<std::pair<std::string, std::string>> extra; ///< made for this example: name <- template file
  std::string fails_until; ///< a program fix being made now; the tag it is run by
  std::vector<std::pair<std::string, std::string>> starts_with; ///< output file, its first bytes
};

// Fixes other engineers are making now; the examples that need them carry these tags.

std::map<std::string, Spec> specs() {
  std::map<std::string, Spec> s;
  auto not_runnable = [&](const std::string& text, const std::string& why) { s[text].not_runnable = why; };

  // ---- Not runnable, and why.
  not_runnable("scripts/demo.sh   # installs what is missing, builds, converts an example resolution, prints "
               "where the outputs are",
               "installs Debian packages and rebuilds build/, the tree under test");
  not_runnable("scripts/test.sh   # installs what is missing, builds, runs all tests",
               "runs the whole suite, this test included");
  not_runnable("resconv batch INPUT... -O OUTDIR --to FORMAT [--to FORMAT]... [options]",
               "a synopsis: placeholders, not a command");
  not_runnable("resconv [--plugin-dir DIR]... [--diagnostics text|json] [-v | -q] [--fail-if-warnings] "
               "[--max-input-size SIZE] <command> [options]",
               "a synopsis: placeholders, not a command");
  not_runnable("resconv convert INPUT... [-o FILE | -O DIR] [--split] [--from ID] [--to ID] [--option "
               "[FORMAT.]NAME=VALUE]...",
               "a synopsis: placeholders, not a command");
  not_runnable("resconv convert report.pdf --split -O decisions/ --to akn",
               "report.pdf stands for any publication of several decisions; tests/cli/test_split.cpp "
               "runs --split on one");
  // docs/writing-plugins.md and examples/custom-plugin/README.md: building resconv, installing
  // its SDK and building a plugin against it is what tests/consumer/run_consumer_test.sh does
  // (CTest sdk_consumer), into a scratch prefix rather than ~/opt or /tmp/md.
  const std::string consumer = "builds or installs resconv or a plugin against an installed SDK: the "
                               "sdk_consumer test does this in a scratch prefix";
  for (const char* text : {
           "cmake -S . -B build -G Ninja && cmake --build build",
           "cmake --install build --prefix ~/opt/resconv",
           "cmake -S my-plugin -B my-plugin/build -DCMAKE_PREFIX_PATH=~/opt/resconv",
           "cmake --build my-plugin/build",
           "cmake --install build --prefix ~/opt/resconv                      # in the resconv checkout",
           "cmake -S examples/custom-plugin -B /tmp/outline -DCMAKE_PREFIX_PATH=~/opt/resconv",
           "cmake --build /tmp/outline && ctest --test-dir /tmp/outline",
       })
    not_runnable(text, consumer);
  const std::string tutorial = "needs the tutorial's plugin built against an installed SDK (sdk_consumer "
                               "builds examples/custom-plugin and runs the host with it)";
  for (const char* text : {
           "resconv --plugin-dir my-plugin/build/plugins plugins --check",
           "resconv --plugin-dir my-plugin/build/plugins convert A_RES_99_101.txt --to outline",
           "resconv --plugin-dir my-plugin/build/plugins convert A_RES_99_101.txt -o out.outline --option "
           "width=120",
           "~/opt/resconv/bin/resconv --plugin-dir /tmp/outline/plugins convert examples/A_RES_99_101.txt "
           "--to "
           "outline",
       })
    not_runnable(text, tutorial);

  // ---- README.md, "Using it".
  s["build/bin/resconv convert examples/A_RES_99_101.txt --to json            # JSON on standard output"]
      .prints = true;
  s["build/bin/resconv convert examples/A_RES_99_101-AR.txt -o res-ar.pdf     # the Arabic example as a "
    "right-to-left PDF"]
      .outputs = {"res-ar.pdf"};
  s["build/bin/resconv convert res.txt -o res.json                            # format from the extension"]
      .outputs = {"res.json"};
  s["build/bin/resconv convert a.txt b.txt -O out/ --to json                  # several inputs"].outputs = {
      "out/a.json", "out/b.json"};
  s["cat res.txt | build/bin/resconv convert - --from text --to json -o -     # a pipe"].prints = true;
  s["build/bin/resconv inspect res.txt                                        # what was recognised"].prints =
      true;
  s["build/bin/resconv identify mystery-file                                  # which format, and why"]
      .prints = true;
  {
    auto& e = s["build/bin/resconv convert A_RES_73_7-EN.pdf -o res.xml                   # official PDF to "
                "Akoma Ntoso"];
    e.outputs = {"res.xml"};
    e.needs = {"corpus"};
  }
  {
    auto& e = s["build/bin/resconv inspect --layout A_RES_73_7-EN.pdf                     # what the PDF "
                "analysis found, page by page"];
    e.prints = true;
    e.needs = {"corpus"};
  }
  s["build/bin/resconv convert res.txt -o res.xml                             # Akoma Ntoso (AKN4UN), not "
    "schema-checked"]
      .outputs = {"res.xml"};
  {
    auto& e = s["build/bin/resconv convert res.txt -o res.xml --option akn.check=true     # schema-checked "
                "before it is written"];
    e.outputs = {"res.xml"};
    e.needs = {"schema"};
  }
  {
    // Markdown starts with its YAML front matter; the text format's output with the symbol.
    auto& e = s["build/bin/resconv convert res.txt -o res.md                              # Markdown "
                "(CommonMark, footnotes)"];
    e.outputs = {"res.md"};
    e.starts_with = {{"res.md", "---\n"}};
  }
  s["build/bin/resconv convert res.json -o res.pdf                            # a PDF in the UN layout"]
      .outputs = {"res.pdf"};
  s["build/bin/resconv convert draft.docx -o draft.xml                        # Word to Akoma Ntoso"]
      .outputs = {"draft.xml"};
  {
    auto& e = s["build/bin/resconv validate res.xml                                       # schema + "
                "AKN4UN rules"];
    e.prints = true;
    e.needs = {"schema"};
  }
  {
    auto& e = s["build/bin/resconv batch pdfs/ -O out/ --to akn --manifest out/m.jsonl    # an archive, in "
                "parallel, resumable"];
    e.outputs = {"out/m.jsonl", "out/A_RES_99_101.xml"};
  }
  s["build/bin/resconv formats --json                                         # formats, options, plugin "
    "status"]
      .prints = true;
  s["build/bin/resconv plugins --check                                        # plugin files, versions, "
    "ABI, why refused"]
      .prints = true;

  // ---- README.md, global options before or after the command.
  s["build/bin/resconv -q --diagnostics json convert res.txt -o res.json"].outputs = {"res.json"};
  s["build/bin/resconv convert res.txt -o res.json -q --diagnostics json"].outputs = {"res.json"};

  // ---- docs/batch.md, "Splitting an archive across jobs".
  {
    auto& e = s["parallel -j4 resconv batch archive/ -O out/ --to akn --shard {}/4 --manifest "
                "out/manifest-{}.jsonl -q ::: 1 2 3 4"];
    e.outputs = {"out/manifest-1.jsonl", "out/manifest-2.jsonl", "out/manifest-3.jsonl",
                 "out/manifest-4.jsonl"};
    e.covers = "archive";
    e.needs = {"parallel"};
  }
  {
    auto& e = s["#!/bin/bash\n"
                "#SBATCH --cpus-per-task=8\n"
                "resconv batch /data/archive -O /data/akn --to akn -j \"$SLURM_CPUS_PER_TASK\" \\\n"
                "  --shard \"$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT\" \\\n"
                "  --manifest \"/data/akn/manifest-$SLURM_ARRAY_TASK_ID.jsonl\" --resume -q\n"];
    e.outputs = {"data/akn/manifest-{i}.jsonl"};
    e.covers = "data/archive";
  }
  {
    auto& e =
        s[R"(["sh", "-c", "resconv batch /data/archive -O /data/akn --to akn --shard )"
          R"($((JOB_COMPLETION_INDEX + 1))/16 --manifest /data/akn/manifest-$JOB_COMPLETION_INDEX.jsonl )"
          R"(--resume -q"])"];
    e.outputs = {"data/akn/manifest-{i}.jsonl"};
    e.covers = "data/archive";
  }

  // ---- `resconv convert --help`.
  s["resconv convert res.txt --to json"].prints = true;
  s["resconv convert res.txt -o res.json"].outputs = {"res.json"};
  s["resconv convert a.txt b.txt -O out/ --to json"].outputs = {"out/a.json", "out/b.json"};
  s["cat res.txt | resconv convert - --from text --to json -o -"].prints = true;

  // ---- `resconv batch --help`.
  {
    auto& e = s["resconv batch pdfs/ -O out/ --to akn --manifest out/manifest.jsonl"];
    e.outputs = {"out/manifest.jsonl", "out/A_RES_99_101.xml"};
  }
  s["resconv batch archive/ -O out/ --to json --to akn --include '*.pdf' -j 8 --resume --manifest m.jsonl"]
      .outputs = {"m.jsonl", "out/A_RES_99_101.json", "out/A_RES_99_101.xml"};
  // Shard 2 of 4 of the scratch folder's text files holds some (the names and the hash are fixed).
  s["find . -name '*.txt' | resconv batch --files-from - -O out/ --to json --shard 2/4"].outputs = {"out"};

  // ---- docs/cli.md, synopses and shell completion.
  not_runnable("resconv formats [ID] [--json] [--check]", "a synopsis: placeholders, not a command");
  not_runnable(
      "resconv inspect FILE [--from ID] [--option [FORMAT.]NAME=VALUE]... [--json | --dump] [--layout]",
      "a synopsis: placeholders, not a command");
  {
    // HOME is the scratch folder: the completion folders are made there first.
    auto& e = s["resconv completion zsh > ~/.zfunc/_resconv   # a folder of $fpath; or: source <(resconv "
                "completion zsh)"];
    e.outputs = {".zfunc/_resconv"};
    e.extra = {{".zfunc/.made", "res.txt"}};
  }
  {
    auto& e = s["resconv completion fish > ~/.config/fish/completions/resconv.fish"];
    e.outputs = {".config/fish/completions/resconv.fish"};
    e.extra = {{".config/fish/completions/.made", "res.txt"}};
  }

  // ---- `resconv formats --help` and `resconv inspect --help`.
  s["resconv formats"].prints = true;
  s["resconv formats pdf"].prints = true;
  s["resconv formats akn --json"].prints = true;
  s["resconv inspect res.pdf"].prints = true;
  s["resconv inspect --json --layout res.pdf"].prints = true;

  // ---- `resconv validate --help`.
  {
    auto& e = s["resconv validate out/A_RES_57_263.xml --option schema=/path/akomantoso30.xsd"];
    e.prints = true;
    e.needs = {"schema"};
    e.extra = {{"out/A_RES_57_263.xml", "res.xml"}};
  }
  return s;
}

// How many examples the sources hold today: a new one must be classified above (and this
// number raised), so it cannot go unrun.
constexpr std::size_t expected_examples = 57;

// ---------------------------------------------------------------------------------------
// The program, the sources, the corpus.

fs::path source_dir() {
  return RESCONV_SOURCE_DIR;
}
fs::path program() {
  return RESCONV_PROGRAM;
}
fs::path corpus_dir() {
  const char* env = std::getenv("RESCONV_CORPUS");
  return env != nullptr && *env != '\0' ? fs::path(env) : fs::path();
}
fs::path schema_file() {
  return fs::canonical(program()).parent_path().parent_path() / "share/resconv/schemas/akn/akomantoso30.xsd";
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_all(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

fs::path fresh_dir(const std::string& what) {
  std::random_device rd;
  auto dir = fs::temp_directory_path() / ("resconv-docs-" + what + "-" + std::to_string(rd()));
  fs::create_directories(dir);
  return dir;
}

struct RunResult {
  int exit_code = -1;
  std::string out, err;
  bool timed_out = false;
};

/// Runs argv in `cwd` with the test's environment plus `env` (NAME=value, replacing), the
/// scratch folder's bin/ first on PATH, standard input empty.
RunResult run(const std::vector<std::string>& args, const fs::path& cwd, std::vector<std::string> env = {}) {
  env.push_back("PATH=" + (cwd / "bin").string() + ":" +
                (std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin"));
  env.push_back("HOME=" + cwd.string()); // GNU parallel and cmake keep their state under HOME
  std::vector<std::string> env_s;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    std::string name = entry.substr(0, entry.find('=') + 1);
    bool replaced = false;
    for (const auto& given : env)
      replaced = replaced || given.rfind(name, 0) == 0;
    if (!replaced)
      env_s.push_back(entry);
  }
  env_s.insert(env_s.end(), env.begin(), env.end());
  std::vector<char*> envp, argv;
  for (auto& e : env_s)
    envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> args_s = args;
  for (auto& a : args_s)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  auto out_path = fresh_dir("out") / "run";
  std::string out_file = out_path.string() + ".out", err_file = out_path.string() + ".err";
  pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    if (::chdir(cwd.c_str()) != 0)
      ::_exit(127);
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execvpe(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  RunResult r;
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(example_timeout_seconds);
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_all(out_file);
  r.err = read_all(err_file);
  std::error_code ec;
  fs::remove_all(out_path.parent_path(), ec);
  return r;
}

// FNV-1a of a relative path, as docs/batch.md says `--shard` hashes it.
std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// ---------------------------------------------------------------------------------------
// The scratch folder: every name the examples use, made once and copied for each example.

struct Template {
  fs::path dir;
  std::set<std::string> present; ///< what is available: "corpus", "parallel", "schema"
  std::string problem;           ///< why it could not be made
};

void convert_in(const fs::path& dir, const std::vector<std::string>& args, std::string& problem) {
  std::vector<std::string> argv{program().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run(argv, dir, {"RESCONV_PLUGIN_PATH="});
  if (r.exit_code != 0 && problem.empty())
    problem = "making the scratch files: resconv exited " + std::to_string(r.exit_code) + ": " + r.err;
}

bool template_made = false;

const Template& scratch_template() {
  static const Template made = [] {
    template_made = true;
    Template t;
    t.dir = fresh_dir("template");
    const fs::path& d = t.dir;
    fs::create_directories(d / "bin");
    fs::create_directories(d / "build/bin");
    fs::create_symlink(program(), d / "bin/resconv");
    fs::create_symlink(program(), d / "build/bin/resconv");
    auto example = source_dir() / "examples/A_RES_99_101.txt";
    fs::create_directories(d / "examples");
    for (const char* name : {"res.txt", "a.txt", "b.txt", "examples/A_RES_99_101.txt"})
      fs::copy_file(example, d / name);
    fs::copy_file(source_dir() / "examples/A_RES_99_101-AR.txt", d / "examples/A_RES_99_101-AR.txt");
    convert_in(d, {"convert", "res.txt", "-o", "res.json"}, t.problem);
    convert_in(d, {"convert", "res.txt", "-o", "res.xml"}, t.problem);
    convert_in(d, {"convert", "res.json", "-o", "res.pdf"}, t.problem);
    fs::copy_file(d / "res.json", d / "mystery-file");
    auto corpus = corpus_dir();
    bool have_corpus = !corpus.empty() && fs::is_regular_file(corpus / "pdf/A_RES_73_7-EN.pdf") &&
                       fs::is_regular_file(corpus / "docx/ECE_TRADE_C_CEFACT_2019_09.docx");
    if (have_corpus) {
      t.present.insert("corpus");
      fs::copy_file(corpus / "pdf/A_RES_73_7-EN.pdf", d / "A_RES_73_7-EN.pdf");
      fs::copy_file(corpus / "docx/ECE_TRADE_C_CEFACT_2019_09.docx", d / "draft.docx");
    } else {
      // A real DOCX all the same: the example resolution as resconv writes it.
      convert_in(d, {"convert", "res.txt", "-o", "draft.docx"}, t.problem);
    }
    // pdfs/: the example resolution as a PDF, and an official one when the corpus is there.
    fs::create_directories(d / "pdfs");
    fs::copy_file(d / "res.pdf", d / "pdfs/A_RES_99_101.pdf");
    if (have_corpus)
      fs::copy_file(corpus / "pdf/A_RES_73_6-EN.pdf", d / "pdfs/A_RES_73_6-EN.pdf");
    // archive/ (and /data/archive): text files named so that every one of the 16 shards of
    // the job arrays holds at least one (an empty shard would be exit 0 with an empty manifest), and a PDF
    // for `--include '*.pdf'`.
    fs::create_directories(d / "archive");
    fs::copy_file(d / "res.pdf", d / "archive/A_RES_99_101.pdf");
    std::set<std::uint64_t> shards{fnv1a("A_RES_99_101.pdf") % array_tasks};
    for (int n = 1; shards.size() < static_cast<std::size_t>(array_tasks); ++n) {
      std::string name = "r" + std::to_string(n) + ".txt";
      if (shards.insert(fnv1a(name) % array_tasks).second)
        fs::copy_file(example, d / "archive" / name);
    }
    fs::create_directories(d / "data");
    fs::copy(d / "archive", d / "data/archive", fs::copy_options::recursive);
    if (fs::is_regular_file(schema_file()))
      t.present.insert("schema");
    if (run({"sh", "-c", "command -v parallel"}, d).exit_code == 0)
      t.present.insert("parallel");
    return t;
  }();
  return made;
}

// Absolute paths in examples point into the scratch folder (or at the installed schema).
std::string substitute(std::string text, const fs::path& scratch) {
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  };
  replace_all("/data/", (scratch / "data").string() + "/");
  replace_all("/path/akomantoso30.xsd", schema_file().string());
  return text;
}

bool non_empty(const fs::path& p) {
  std::error_code ec;
  if (fs::is_directory(p, ec))
    return fs::directory_iterator(p, ec) != fs::directory_iterator();
  return fs::is_regular_file(p, ec) && fs::file_size(p, ec) > 0;
}

std::string with_task(std::string pattern, int task) {
  auto at = pattern.find("{i}");
  if (at != std::string::npos)
    pattern.replace(at, 3, std::to_string(task));
  return pattern;
}

std::vector<std::string> skipped; // "source:line: text (needs X)"

void run_example(const Example& example, const Spec& spec) {
  const Template& t = scratch_template();
  REQUIRE(t.problem == "");
  for (const auto& need : spec.needs)
    if (t.present.count(need) == 0) {
      skipped.push_back(example.source + ":" + std::to_string(example.line) + ": " + example.text +
                        " (needs " + need + ")");
      WARN("SKIPPED: needs " << need);
      return;
    }
  auto scratch = fresh_dir("example");
  fs::copy(t.dir, scratch, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  for (const auto& [name, from] : spec.extra) {
    fs::create_directories((scratch / name).parent_path());
    fs::copy_file(scratch / from, scratch / name);
  }
  // What the example must write is not there before it runs.
  std::vector<int> tasks{0};
  if (example.runner == Runner::script)
    tasks.clear();
  for (int i = 1; example.runner == Runner::script && i <= array_tasks; ++i)
    tasks.push_back(i);
  if (example.runner == Runner::kubernetes)
    for (int i = 1; i < array_tasks; ++i)
      tasks.push_back(i);
  for (const auto& out : spec.outputs)
    for (int task : tasks)
      fs::remove_all(scratch / with_task(out, task));

  std::string text = substitute(example.text, scratch);
  for (int task : tasks) {
    std::vector<std::string> argv, env{"RESCONV_PLUGIN_PATH="};
    if (example.runner == Runner::shell) {
      argv = {"bash", "-c", text};
    } else if (example.runner == Runner::script) {
      write_all(scratch / "convert.sh", text);
      argv = {"bash", "convert.sh"};
      // What Slurm sets in a task of `sbatch --array=1-16 convert.sh`.
      env.insert(env.end(),
                 {"SLURM_ARRAY_TASK_ID=" + std::to_string(task),
                  "SLURM_ARRAY_TASK_COUNT=" + std::to_string(array_tasks), "SLURM_ARRAY_TASK_MIN=1",
                  "SLURM_ARRAY_TASK_MAX=" + std::to_string(array_tasks), "SLURM_ARRAY_TASK_STEP=1",
                  "SLURM_ARRAY_JOB_ID=4200", "SLURM_JOB_ID=" + std::to_string(4200 + task),
                  std::string("SLURM_CPUS_PER_TASK=") + slurm_cpus_per_task,
                  "SLURM_SUBMIT_DIR=" + scratch.string()});
    } else {
      auto command = nlohmann::json::parse(text);
      for (const auto& a : command)
        argv.push_back(a.get<std::string>());
      env.push_back("JOB_COMPLETION_INDEX=" + std::to_string(task));
    }
    auto r = run(argv, scratch, env);
    INFO("task " << task << "\nexit " << r.exit_code << "\nstdout:\n"
                 << r.out.substr(0, 2000) << "\nstderr:\n"
                 << r.err.substr(0, 4000));
    CHECK_FALSE(r.timed_out);
    CHECK(r.exit_code == spec.exit_code);
    if (spec.prints)
      CHECK_FALSE(r.out.empty());
    for (const auto& out : spec.outputs) {
      auto name = with_task(out, task);
      INFO("output " << name);
      CHECK(non_empty(scratch / name));
    }
    for (const auto& [name, head] : spec.starts_with) {
      INFO("output " << name);
      CHECK(read_all(scratch / name).substr(0, head.size()) == head);
    }
  }
  if (!spec.covers.empty()) {
    // Together the manifests list every input of the folder exactly once.
    std::set<std::string> manifests;
    for (const auto& out : spec.outputs)
      for (int task : tasks)
        if (fs::path(out).extension() == ".jsonl")
          manifests.insert(with_task(out, task));
    std::multiset<std::string> listed;
    for (const auto& manifest : manifests) {
      std::ifstream in(scratch / manifest);
      for (std::string line; std::getline(in, line);)
        if (!line.empty())
          listed.insert(fs::path(nlohmann::json::parse(line).at("input").get<std::string>()).filename());
    }
    std::multiset<std::string> expected;
    for (const auto& entry : fs::directory_iterator(scratch / spec.covers))
      expected.insert(entry.path().filename());
    CHECK(listed == expected);
  }
  std::error_code ec;
  fs::remove_all(scratch, ec);
}

// ---------------------------------------------------------------------------------------
// Finding the examples and registering one Catch2 test case for each.

std::vector<Example> all_examples() {
  std::vector<Example> all;
  auto add = [&](const fs::path& file) {
    auto found = examples_in_markdown(file, fs::relative(file, source_dir()).string());
    all.insert(all.end(), found.begin(), found.end());
  };
  add(source_dir() / "README.md");
  std::vector<fs::path> docs;
  for (const auto& entry : fs::directory_iterator(source_dir() / "docs"))
    if (entry.path().extension() == ".md")
      docs.push_back(entry.path());
  for (const auto& entry : fs::directory_iterator(source_dir() / "formats"))
    if (fs::is_regular_file(entry.path() / "spec.md"))
      docs.push_back(entry.path() / "spec.md");
  docs.push_back(source_dir() / "examples/custom-plugin/README.md");
  std::sort(docs.begin(), docs.end());
  for (const auto& file : docs)
    add(file);
  auto tmp = fresh_dir("help");
  auto help = run({program().string(), "--help"}, tmp, {"RESCONV_PLUGIN_PATH="});
  for (const auto& command : subcommands_in_help(help.out)) {
    auto sub = run({program().string(), command, "--help"}, tmp, {"RESCONV_PLUGIN_PATH="});
    for (const auto& text : examples_in_help(sub.out))
      all.push_back({"resconv " + command + " --help", 0, text, Runner::shell});
  }
  fs::remove_all(tmp);
  return all;
}

std::vector<Example>& examples() {
  static std::vector<Example> list = all_examples();
  return list;
}

class ExampleInvoker final : public Catch::ITestInvoker {
public:
  explicit ExampleInvoker(std::size_t index) : m_index(index) {}
  void invoke() const override {
    const auto& example = examples()[m_index];
    auto table = specs();
    auto spec = table.find(example.text);
    INFO("example (" << example.source << ":" << example.line << "):\n" << example.text);
    REQUIRE(spec != table.end()); // classify it in specs()
    if (!spec->second.not_runnable.empty()) {
      WARN("not run: " << spec->second.not_runnable);
      return;
    }
    run_example(example, spec->second);
  }

private:
  std::size_t m_index;
};

std::deque<std::string> names; // Catch2 keeps StringRefs to the names and tags

void register_examples() {
  auto table = specs();
  for (std::size_t i = 0; i < examples().size(); ++i) {
    const auto& example = examples()[i];
    auto spec = table.find(example.text);
    std::string first_line = example.text.substr(0, example.text.find('\n'));
    names.push_back(example.source + ":" + std::to_string(example.line) + ": " + first_line);
    std::string tags = "[docs]";
    if (spec != table.end() && !spec->second.not_runnable.empty())
      tags += "[not-runnable]";
    if (spec != table.end() && !spec->second.fails_until.empty())
      tags += "[" + spec->second.fails_until + "]";
    names.push_back(tags);
    // The same example in two places (README and --help) is two test cases; names are unique
    // by source and line, and --help examples by their text.
    const std::string& name = names[names.size() - 2];
    Catch::AutoReg registered(new ExampleInvoker(i),
                              Catch::SourceLineInfo(__FILE__, static_cast<std::size_t>(__LINE__)),
                              Catch::StringRef(), Catch::NameAndTags{name, names.back()});
  }
}

} // namespace

TEST_CASE("every documented example is found and classified", "[docs][classified]") {
  auto table = specs();
  std::set<std::string> found;
  for (const auto& example : examples()) {
    INFO(example.source << ":" << example.line << ": " << example.text);
    CHECK(table.count(example.text) == 1);
    found.insert(example.text);
  }
  for (const auto& [text, spec] : table) {
    INFO("classified but no longer documented: " << text);
    CHECK(found.count(text) == 1);
  }
  CHECK(examples().size() == expected_examples);
}

// docs/cli.md's table of diagnostic codes holds every code the sources report, and no code
// they no longer report.
TEST_CASE("docs/cli.md lists every diagnostic code the program reports", "[docs][codes]") {
  static const std::regex code(
      R"re("((?:io|input|output|cli|convert|detect|registry|plugin|model|recognize|language|text|json|akn|pdf|docx|markdown|batch|validate|inspect|formats)\.[a-z][a-z0-9-]*)")re");
  // Codes built from a command's name (`command + ".unknown-format"`) leave their suffix.
  static const std::regex suffix_literal(R"re("(\.[a-z][a-z0-9-]*)")re");
  std::set<std::string> reported, suffixes;
  for (const char* folder : {"host", "plugins", "sdk"})
    for (const auto& entry : fs::recursive_directory_iterator(source_dir() / folder)) {
      auto ext = entry.path().extension();
      if (ext != ".cpp" && ext != ".hpp")
        continue;
      std::string text = read_all(entry.path());
      for (std::sregex_iterator m(text.begin(), text.end(), code), end; m != end; ++m) {
        std::string name = (*m)[1];
        auto suffix = fs::path(name).extension();
        if (suffix != ".hpp" && suffix != ".cpp" && suffix != ".json" && suffix != ".so")
          reported.insert(name);
      }
      for (std::sregex_iterator m(text.begin(), text.end(), suffix_literal), end; m != end; ++m)
        suffixes.insert((*m)[1]);
    }
  REQUIRE(reported.size() > 0);
  std::string cli = read_all(source_dir() / "docs/cli.md");
  for (const auto& name : reported) {
    INFO("reported by the program, missing from docs/cli.md: " << name);
    CHECK(cli.find("`" + name + "`") != std::string::npos);
  }
  std::string table = cli.substr(cli.find("## Diagnostic codes"));
  static const std::regex documented(R"(`([a-z]+\.[a-z][a-z0-9-]*)`)");
  for (std::sregex_iterator m(table.begin(), table.end(), documented), end; m != end; ++m) {
    std::string name = (*m)[1];
    INFO("in docs/cli.md's table but reported nowhere: " << name);
    if (name.find('.') != std::string::npos && name.rfind("resconv", 0) != 0 &&
        fs::path(name).extension() != ".md" && fs::path(name).extension() != ".hpp")
      CHECK((reported.count(name) == 1 || suffixes.count(name.substr(name.find('.'))) == 1));
  }
}

// examples/batch/pdf-folder-to-akn.sh, as docs/batch.md shows it: a folder of PDFs to AKN
// and JSON, then a report read from the manifest.
TEST_CASE("examples/batch/pdf-folder-to-akn.sh converts a folder and reports from the manifest",
          "[docs][example-script]") {
  const Template& t = scratch_template();
  REQUIRE(t.problem == "");
  auto scratch = fresh_dir("script");
  fs::copy(t.dir, scratch, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  if (run({"sh", "-c", "command -v python3"}, scratch).exit_code != 0) {
    skipped.push_back("examples/batch/pdf-folder-to-akn.sh (needs python3)");
    WARN("SKIPPED: needs python3");
    return;
  }
  auto script = source_dir() / "examples/batch/pdf-folder-to-akn.sh";
  auto r = run({"bash", script.string(), "pdfs", "akn", "2"}, scratch,
               {"RESCONV_PLUGIN_PATH=", "RESCONV=" + program().string()});
  INFO("exit " << r.exit_code << "\nstdout:\n" << r.out << "\nstderr:\n" << r.err);
  CHECK(r.exit_code == 0);
  std::size_t pdfs = static_cast<std::size_t>(
      std::distance(fs::directory_iterator(scratch / "pdfs"), fs::directory_iterator()));
  CHECK(r.out.rfind("inputs: " + std::to_string(pdfs) + " {", 0) == 0);
  CHECK(non_empty(scratch / "akn/manifest.jsonl"));
  CHECK(non_empty(scratch / "akn/A_RES_99_101.xml"));
  CHECK(non_empty(scratch / "akn/A_RES_99_101.json"));
  std::error_code ec;
  fs::remove_all(scratch, ec);
}

int main(int argc, char** argv) {
  register_examples();
  int failed = Catch::Session().run(argc, argv);
  std::error_code ec;
  if (template_made)
    fs::remove_all(scratch_template().dir, ec);
  for (const auto& s : skipped)
    std::cout << "SKIPPED: " << s << "\n";
  if (failed == 0 && !skipped.empty()) {
    std::cout << skipped.size() << " documented example(s) SKIPPED: reported as skipped, not passed\n";
    return 77;
  }
  // Catch2 returns the number of failed assertions; 77 of them must not read as "skipped".
  return failed == 0 ? 0 : 1;
}
