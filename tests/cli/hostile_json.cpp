// Hostile-input rows: json. See hostile_cases.hpp.
#include "hostile_cases.hpp"

namespace resconv::test {

std::vector<Case> hostile_cases_json(const TempDir& dir) {
  (void)dir;
  // (A UTF-8 byte-order mark is read: tests/plugins/json; the JSON importer warns of
  // nothing, so that case has no row here, where a conversion must give a warning.)
  const std::string minimal = "{\"resconv\": 1, \"formula\": \"The General Assembly,\"}\n";
  return {
      // A key twice in one object (F31: accepted silently, the last one won).
      {"duplicate-formula.json",
       "{\"resconv\": 1, \"formula\": \"The General Assembly,\", \"formula\": \"The Security Council,\"}\n",
       "json.duplicate-key"},
      {"duplicate-version.json",
       "{\"resconv\": 1, \"resconv\": 999, \"formula\": \"The General Assembly,\"}\n", "json.duplicate-key"},
      {"duplicate-metadata.json",
       "{\"resconv\": 1, \"metadata\": {\"symbol\": \"A/RES/1\", \"symbol\": \"A/RES/2\"}, \"formula\": "
       "\"x\"}\n",
       "json.duplicate-key"},
      // UTF-16 and UTF-32 (F28: detect.unknown-format with a BOM, json.invalid without).
      {"utf16le-bom.json", widen(minimal, 2, true, true), "json.encoding"},
      {"utf16be.json", widen(minimal, 2, false, false), "json.encoding"},
      {"utf16le.json", widen(minimal, 2, true, false), "json.encoding"},
      {"utf32le-bom.json", widen(minimal, 4, true, true), "json.encoding"},
  };
}

} // namespace resconv::test
