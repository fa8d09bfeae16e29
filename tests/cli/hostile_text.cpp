// Hostile-input rows: text. See hostile_cases.hpp.
#include "hostile_cases.hpp"

namespace resconv::test {

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// Each line end in turn LF, CR, CR LF (a CR is never followed by an LF that is a line end of
// its own, which would read as one CR LF).
std::string mixed_line_ends(const std::string& text) {
  const char* ends[] = {"\n", "\r", "\r\n"};
  std::string out;
  std::size_t k = 0;
  for (char c : text)
    out += c == '\n' ? std::string(ends[k++ % 3]) : std::string(1, c);
  return out;
}

} // namespace

std::vector<Case> hostile_cases_text(const TempDir& dir) {
  (void)dir;
  const std::string example = read_file(std::string(RESCONV_SOURCE_DIR) + "/examples/A_RES_99_101.txt");
  const std::string formula = "The General Assembly,\n";
  // Without its formula the example converts with the text.no-formula warning, which the
  // table needs to tell a conversion (exit 0) from a refusal.
  const std::string no_formula = replace_all(example, formula, "");
  const std::string head = example.substr(0, example.find(formula));

  // 300,000 numbered paragraphs that extraction ran into one line (F15: 10.6 s and 5 GiB when
  // each split copied the rest of the line).
  std::string run_in = head;
  for (int n = 1; n <= 300000; ++n)
    run_in += (n == 1 ? "" : " ") + std::to_string(n) + ". Decides A";
  run_in += "\n";

  std::string nul = example;
  nul.insert(example.find(formula) + 11, 1, '\0'); // "The General\0 Assembly,"
  std::string control = example;
  control.insert(example.find(formula) + 11, "\x01\x1f");

  return {
      {"runin-300k.txt", run_in, "text.no-formula", {}, 0},
      // Old Mac line ends (CR alone), and CR, CR LF and LF mixed (F29: one line, no structure).
      {"cr-only.txt", replace_all(no_formula, "\n", "\r"), "text.no-formula", {}, 0},
      {"cr-mixed.txt", mixed_line_ends(no_formula), "text.no-formula", {}, 0},
      // A NUL or a control byte in a .txt file (F27: detect.unknown-format, "no format
      // recognises the content"; the control byte was even imported with --from text).
      {"nul.txt", nul, "text.binary"},
      {"control.txt", control, "text.binary"},
      {"control-from-text.txt", control, "text.binary", {"--from", "text"}},
  };
}

} // namespace resconv::test
