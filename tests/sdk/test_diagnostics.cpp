#include <resconv/sdk/diagnostics.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace resconv;

TEST_CASE("diagnostics print compiler-style and as JSON lines", "[diagnostics]") {
  Diagnostic d{Severity::warning, "text.no-formula", "no formula found", {"a.txt", 0, 12, -1}};
  CHECK(format_text(d) == "a.txt:12: warning: no formula found [text.no-formula]");
  Diagnostic p{Severity::error, "pdf.no-text-layer", "page has no text", {"b.pdf", 3, 0, -1}};
  CHECK(format_text(p) == "b.pdf:p3: error: page has no text [pdf.no-text-layer]");
  auto j = nlohmann::json::parse(format_json_line(d));
  CHECK(j["severity"] == "warning");
  CHECK(j["code"] == "text.no-formula");
  CHECK(j["line"] == 12);
  CHECK(j["page"].is_null());
  CHECK(format_json_line(d).find('\n') == std::string::npos);
}

TEST_CASE("collectors count and file-name sinks fill in the file", "[diagnostics]") {
  DiagnosticCollector c;
  FileNameSink named(c, "in.txt");
  named.error("x.a", "one");
  named.warning("x.b", "two", {"other.txt"});
  CHECK(c.count(Severity::error) == 1);
  CHECK(c.has_code("x.b"));
  CHECK(c.diagnostics()[0].location.file == "in.txt");
  CHECK(c.diagnostics()[1].location.file == "other.txt");
}
