// test_plugin_loading: which commands load which plugin libraries (a library's code runs as
// it loads), relative plugin folders, a refused plugin beside the built-in one of the same
// id, and the detection outcomes a user sees.
#include "run_program.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using resconv::test::run_resconv;
namespace fs = std::filesystem;
namespace test = resconv::test;

namespace {

const std::string example = std::string(RESCONV_SOURCE_DIR) + "/examples/A_RES_99_101.txt";
// Built by tests/broken_plugins: libraries whose constructor appends to $RESCONV_TEST_MARKER.
const fs::path test_plugins = fs::path(RESCONV_BROKEN_PLUGIN_DIR).parent_path();
const fs::path marker_dir = test_plugins / "plugins-marker";
const fs::path badtext_dir = test_plugins / "plugins-badtext";

struct Marked {
  test::TempDir dir;
  fs::path marker = dir / "marker";
  std::vector<std::string> env(const fs::path& plugins) const {
    return {"RESCONV_PLUGIN_PATH=" + plugins.string(), "RESCONV_TEST_MARKER=" + marker.string()};
  }
};

nlohmann::json plugin_by_id(const std::string& out, const std::string& id) {
  const auto listing = nlohmann::json::parse(out);
  for (const auto& p : listing["plugins"])
    if (p["id"] == id)
      return p;
  return nullptr;
}

} // namespace

TEST_CASE("the marker libraries are built and leave a marker when loaded", "[cli][plugins]") {
  REQUIRE(fs::exists(marker_dir / "resconv_marker.so"));
  REQUIRE(fs::exists(marker_dir / "resconv_zzz.so"));
  REQUIRE(fs::exists(badtext_dir / "resconv_text.so"));
  Marked m;
  // Asked to check, `plugins` loads every library (documented): the marker proves it.
  auto r = run_resconv({"plugins", "--check", "--json"}, {}, m.env(marker_dir));
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(m.marker));
  CHECK(plugin_by_id(r.out, "marker")["status"] == "refused");
  CHECK(plugin_by_id(r.out, "marker")["code"] == "plugin.not-a-plugin");
  CHECK(plugin_by_id(r.out, "zzz")["code"] == "plugin.not-a-plugin");
}

TEST_CASE("F23: an unrelated library in the plugin path never runs while another format is converted",
          "[cli][plugins]") {
  Marked m;
  const auto env = m.env(marker_dir);
  auto out = (m.dir / "x.json").string();
  auto convert = run_resconv({"convert", example, "--to", "json", "-o", out}, {}, env);
  INFO(convert.err);
  CHECK(convert.exit_code == 0);
  CHECK(fs::exists(out));
  CHECK(convert.err.empty()); // no refused-plugin line either: it was never needed
  CHECK_FALSE(fs::exists(m.marker));

  fs::create_directories(m.dir / "in");
  fs::copy_file(example, m.dir / "in" / "a.txt");
  fs::copy_file(example, m.dir / "in" / "b.txt");
  auto batch = run_resconv(
      {"batch", (m.dir / "in").string(), "-O", (m.dir / "out").string(), "--to", "json", "-j", "2"}, {}, env);
  CHECK(batch.exit_code == 0);
  CHECK(fs::exists(m.dir / "out" / "a.json"));
  CHECK_FALSE(fs::exists(m.marker));

  CHECK(run_resconv({"identify", example}, {}, env).exit_code == 0);
  CHECK(run_resconv({"convert", example, "--from", "text", "--to", "json", "-o", out}, {}, env).exit_code ==
        0);
  CHECK_FALSE(fs::exists(m.marker));

  // Listing reads the descriptors only.
  auto plugins = run_resconv({"plugins", "--json"}, {}, env);
  CHECK(plugins.exit_code == 0);
  CHECK(plugin_by_id(plugins.out, "marker")["status"] == "found");
  CHECK(plugin_by_id(plugins.out, "text")["status"] == "found");
  CHECK(run_resconv({"plugins"}, {}, env).exit_code == 0);
  auto formats = run_resconv({"formats", "--json"}, {}, env);
  CHECK(formats.exit_code == 0);
  CHECK(formats.out.find("\"marker\"") != std::string::npos);
  CHECK(run_resconv({"formats"}, {}, env).exit_code == 0);
  CHECK_FALSE(fs::exists(m.marker));
}

TEST_CASE("F23: a candidate plugin that is refused is a warning unless its format is needed",
          "[cli][plugins]") {
  Marked m;
  const auto env = m.env(marker_dir);
  auto out = (m.dir / "x.json").string();
  // Named .zzz: the zzz format is the candidate, is loaded and refused; the text format then
  // recognises the content. The refusal was not needed: a warning, exit 0.
  fs::copy_file(example, m.dir / "resolution.zzz");
  auto r = run_resconv({"convert", (m.dir / "resolution.zzz").string(), "--to", "json", "-o", out}, {}, env);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(out));
  CHECK(r.err.find("warning: no 'resconv_handshake' symbol") != std::string::npos);
  CHECK(r.err.find("[plugin.not-a-plugin]") != std::string::npos);
  CHECK(fs::exists(m.marker));
  // Named with --from, the refused plugin is needed: an error, exit 5.
  auto from = run_resconv({"convert", example, "--from", "zzz", "--to", "json", "-o", out}, {}, env);
  CHECK(from.exit_code == 5);
  CHECK(from.err.find("error: no 'resconv_handshake' symbol") != std::string::npos);
}

TEST_CASE("F23: a format without magic or extension is probed last, only when nothing else answered",
          "[cli][plugins]") {
  Marked m;
  test::write_file(m.dir / "noise.bin", std::string("\x01\x02\x03 not any format \x04", 20));
  auto r = run_resconv({"identify", "--json", (m.dir / "noise.bin").string()}, {}, m.env(marker_dir));
  INFO(r.err);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("[detect.unknown-format]") != std::string::npos);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["probes"]["marker"] == "not-loaded");
  CHECK(j["probes"]["pdf"] == "no"); // its magic does not match: never loaded
  CHECK(fs::exists(m.marker));
  // A text file: the text format answers in the first round; marker is not probed.
  auto text = run_resconv({"identify", "--json", example}, {}, m.env(marker_dir));
  CHECK(text.exit_code == 0);
  auto t = nlohmann::json::parse(text.out);
  CHECK(t["format"] == "text");
  CHECK(t["probes"]["marker"] == "not-probed");
  CHECK(t["probes"]["zzz"] == "not-probed");
}

TEST_CASE("F23: a refused text plugin in the path does not hide the built-in text plugin", "[cli][plugins]") {
  Marked m;
  const auto env = m.env(badtext_dir);
  auto reference = (m.dir / "reference.json").string();
  REQUIRE(run_resconv({"convert", example, "--to", "json", "-o", reference}).exit_code == 0);
  auto out = (m.dir / "x.json").string();
  auto r = run_resconv({"convert", example, "--to", "json", "-o", out}, {}, env);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(test::read_file(out) == test::read_file(reference));
  CHECK(r.err.find((badtext_dir / "resconv_text.so").string() + ": warning: plugin refused (no "
                                                                "'resconv_handshake' symbol") !=
        std::string::npos);
  CHECK(r.err.find("[registry.fallback]") != std::string::npos);
  // Reported once, not at each load.
  CHECK(r.err.find("[registry.fallback]") == r.err.rfind("[registry.fallback]"));
  // In a batch too, and as the target of --to text.
  fs::create_directories(m.dir / "in");
  fs::copy_file(example, m.dir / "in" / "a.txt");
  auto batch = run_resconv({"batch", (m.dir / "in").string(), "-O", (m.dir / "out").string(), "--to", "text"},
                           {}, env);
  CHECK(batch.exit_code == 0);
  CHECK(fs::exists(m.dir / "out" / "a.txt"));
  // `plugins --check` shows the refused file and the fallback for itself.
  auto plugins = run_resconv({"plugins", "--check", "--json"}, {}, env);
  std::size_t texts = 0;
  const auto listing = nlohmann::json::parse(plugins.out);
  for (const auto& p : listing["plugins"])
    if (p["id"] == "text") {
      ++texts;
      CHECK(p["status"] == (p.contains("role") ? "ok" : "refused"));
    }
  CHECK(texts == 2);
}

TEST_CASE("F23: relative RESCONV_PLUGIN_PATH entries are not searched", "[cli][plugins]") {
  Marked m;
  // The marker folder, relative to the folder the program runs in (this test's).
  fs::path relative = fs::relative(marker_dir, fs::current_path());
  REQUIRE(relative.is_relative());
  auto r = run_resconv({"plugins", "--check", "--json"}, {}, m.env(relative));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(plugin_by_id(r.out, "marker").is_null());
  CHECK(r.err.find("warning: RESCONV_PLUGIN_PATH entry '" + relative.string() + "' is not searched") !=
        std::string::npos);
  CHECK(r.err.find("[registry.relative-path]") != std::string::npos);
  CHECK_FALSE(fs::exists(m.marker));
}

TEST_CASE("F26: a PDF with junk before %PDF- is detected as PDF", "[cli][detect]") {
  test::TempDir dir;
  auto pdf = dir / "good.pdf";
  REQUIRE(run_resconv({"convert", example, "-o", pdf.string()}).exit_code == 0);
  auto reference = (dir / "reference.json").string();
  REQUIRE(run_resconv({"convert", pdf.string(), "--to", "json", "-o", reference}).exit_code == 0);
  // 900 NUL bytes, as in the finding, under a name that says nothing.
  test::write_file(dir / "junk.bin", std::string(900, '\0') + test::read_file(pdf));
  auto out = (dir / "out.json").string();
  auto r = run_resconv({"convert", (dir / "junk.bin").string(), "--to", "json", "-o", out});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(test::read_file(out) == test::read_file(reference));
  // Beyond the kilobyte PDF readers allow, the magic does not match; named .pdf, the PDF
  // importer says what is wrong.
  test::write_file(dir / "far.bin", std::string(2048, ' ') + test::read_file(pdf));
  auto far = run_resconv({"convert", (dir / "far.bin").string(), "--to", "json", "-o", out + "2"});
  CHECK(far.exit_code == 3);
  CHECK(far.err.find("[detect.unknown-format]") != std::string::npos);
}

TEST_CASE("F28: UTF-16 AKN with a byte order mark is detected as AKN and converts", "[cli][detect]") {
  test::TempDir dir;
  auto akn = dir / "res.xml";
  REQUIRE(run_resconv({"convert", example, "-o", akn.string()}).exit_code == 0);
  auto reference = (dir / "reference.json").string();
  REQUIRE(run_resconv({"convert", akn.string(), "--to", "json", "-o", reference}).exit_code == 0);
  // The same XML in UTF-16LE with a BOM, its declaration saying so.
  std::string utf8 = test::read_file(akn);
  auto decl_end = utf8.find("?>");
  REQUIRE(decl_end != std::string::npos);
  utf8 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + utf8.substr(decl_end + 2);
  std::u16string wide;
  for (std::size_t i = 0; i < utf8.size();) {
    auto b = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = b;
    std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (n > 1)
      cp = b & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += n;
    if (cp >= 0x10000) {
      wide += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      wide += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      wide += static_cast<char16_t>(cp);
    }
  }
  std::string bytes = "\xFF\xFE";
  for (char16_t u : wide) {
    bytes += static_cast<char>(u & 0xFF);
    bytes += static_cast<char>(u >> 8);
  }
  test::write_file(dir / "wide.bin", bytes);
  auto identify = run_resconv({"identify", (dir / "wide.bin").string()});
  CHECK(identify.exit_code == 0);
  CHECK(identify.out.find("wide.bin: akn (content recognised") != std::string::npos);
  auto out = (dir / "out.json").string();
  auto r = run_resconv({"convert", (dir / "wide.bin").string(), "--to", "json", "-o", out});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(test::read_file(out) == test::read_file(reference));
}

TEST_CASE("F23: a plugin folder or library that every user may write to is not used", "[cli][plugins]") {
  Marked m;
  fs::path open = m.dir / "open";
  fs::create_directories(open);
  fs::copy_file(marker_dir / "marker.format.json", open / "marker.format.json");
  fs::copy_file(marker_dir / "resconv_marker.so", open / "resconv_marker.so");
  fs::permissions(open, fs::perms::all);
  auto r = run_resconv({"plugins", "--check", "--json"}, {}, m.env(open));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(plugin_by_id(r.out, "marker").is_null());
  CHECK(r.err.find(open.string() + ": warning: plugin folder is writable by every user") !=
        std::string::npos);
  CHECK(r.err.find("[registry.unsafe-folder]") != std::string::npos);
  CHECK_FALSE(fs::exists(m.marker));
  // A safe folder, but a library anyone may rewrite.
  fs::permissions(open, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(open / "resconv_marker.so", fs::perms::all);
  auto lib = run_resconv({"plugins", "--check", "--json"}, {}, m.env(open));
  CHECK(plugin_by_id(lib.out, "marker")["code"] == "plugin.unsafe");
  CHECK_FALSE(fs::exists(m.marker));
}
