#include "json_format.hpp"

#include <resconv/sdk/model/json.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace resconv::json_format {

namespace {

// The longest part of a key a message quotes: enough to recognise any key of the contract,
// and a hostile key of megabytes never fills the terminal.
constexpr std::size_t quoted_key_bytes = 64;

std::string_view starts_with_bom(std::string_view text) {
  using namespace std::string_view_literals;
  for (auto [bom, form] :
       {std::pair{"\xFF\xFE\0\0"sv, "UTF-32LE"sv}, std::pair{"\0\0\xFE\xFF"sv, "UTF-32BE"sv},
        std::pair{"\xFF\xFE"sv, "UTF-16LE"sv}, std::pair{"\xFE\xFF"sv, "UTF-16BE"sv}})
    if (text.substr(0, bom.size()) == bom)
      return form;
  return {};
}

} // namespace

std::string_view wide_json_form(std::string_view text) noexcept {
  if (auto form = starts_with_bom(text); !form.empty())
    return form;
  // Without a mark: JSON text starts with an ASCII character, so the NUL bytes among the
  // first four tell the form (RFC 4627, section 3).
  auto zero = [&](std::size_t i) { return text[i] == '\0'; };
  if (text.size() >= 4) {
    if (zero(0) && zero(1) && zero(2) && !zero(3))
      return "UTF-32BE";
    if (!zero(0) && zero(1) && zero(2) && zero(3))
      return "UTF-32LE";
    if (zero(0) && !zero(1) && zero(2) && !zero(3))
      return "UTF-16BE";
    if (!zero(0) && zero(1) && !zero(2) && zero(3))
      return "UTF-16LE";
  } else if (text.size() >= 2) {
    if (zero(0) && !zero(1))
      return "UTF-16BE";
    if (!zero(0) && zero(1))
      return "UTF-16LE";
  }
  return {};
}

namespace {

// The ASCII characters at the start of text in a wide form (up to the first other one), so
// that the probe can look at a UTF-16 or UTF-32 document as at a UTF-8 one.
std::string ascii_start(std::string_view text, std::string_view form) {
  std::size_t unit = form.substr(0, 6) == "UTF-32" ? 4 : 2;
  bool little = form.substr(form.size() - 2) == "LE";
  if (!starts_with_bom(text).empty())
    text.remove_prefix(unit);
  std::string out;
  for (std::size_t i = 0; i + unit <= text.size(); i += unit) {
    std::string_view u = text.substr(i, unit);
    std::string_view high = little ? u.substr(1) : u.substr(0, unit - 1);
    char low = little ? u.front() : u.back();
    if (high.find_first_not_of('\0') != std::string_view::npos || static_cast<unsigned char>(low) >= 0x80)
      break;
    out += low;
  }
  return out;
}

Probe probe_utf8(std::string_view head) {
  std::size_t i = head.find_first_not_of(" \t\r\n");
  if (head.substr(0, 3) == "\xEF\xBB\xBF")
    i = head.find_first_not_of(" \t\r\n", 3);
  if (i == std::string_view::npos || head[i] != '{')
    return Probe::no;
  // The contract's version key sits near the top of every document we write.
  return head.find("\"resconv\"") != std::string_view::npos ? Probe::yes : Probe::unknown;
}

// A byte iterator that records how far the parser has read, in a place the duplicate-key
// check can see (nlohmann's SAX interface reports a key without its position).
class TrackingIterator {
public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* at, const char** read) : m_at(at), m_read(read) {}
  reference operator*() const { return *m_at; }
  TrackingIterator& operator++() {
    *m_read = ++m_at;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackingIterator& other) const { return m_at == other.m_at; }
  bool operator!=(const TrackingIterator& other) const { return m_at != other.m_at; }

private:
  const char* m_at;
  const char** m_read;
};

struct DuplicateKey {
  std::string key;
  std::string path; ///< The object holding it, as from_json names places ("metadata", "$").
  std::size_t offset = 0;
  int line = 0;
};

// Reads the document once for keys that appear twice in one object. Everything else (syntax,
// depth, types) is left to from_json(): on a syntax error or past `max_depth` this pass stops
// and says nothing.
class DuplicateKeyFinder final : public nlohmann::json_sax<nlohmann::json> {
public:
  DuplicateKeyFinder(std::string_view text, int max_depth) : m_text(text), m_max_depth(max_depth) {}

  std::optional<DuplicateKey> run() {
    const char* read = m_text.data();
    m_read = &read;
    TrackingIterator first(m_text.data(), &read), last(m_text.data() + m_text.size(), &read);
    nlohmann::json::sax_parse(first, last, this);
    return std::move(m_found);
  }

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

  bool key(string_t& key) override {
    Level& level = m_levels.back();
    if (!level.keys.insert(key).second) {
      m_found = DuplicateKey{key, path(), 0, 0};
      locate(*m_found);
      return false;
    }
    level.key = key;
    return true;
  }

private:
  struct Level {
    bool object;
    std::unordered_set<std::string> keys; // of an object
    std::string key;                      // of an object: the current member
    std::size_t index = 0;                // of an array: the current element
  };

  // A value (or a container, when it opens) takes its place in an array.
  void place() {
    if (!m_levels.empty() && !m_levels.back().object)
      ++m_levels.back().index;
  }
  bool value() {
    place();
    return true;
  }
  bool open(bool object) {
    if (static_cast<int>(m_levels.size()) >= m_max_depth)
      return false; // from_json() reports json.too-deep
    place();
    m_levels.push_back({object, {}, {}, 0});
    return true;
  }
  bool close() {
    m_levels.pop_back();
    return true;
  }

  // The object that holds the current key, in from_json()'s notation
  // ("operative[3].content[0]"; "$" for the top object).
  std::string path() const {
    std::string out;
    for (std::size_t i = 0; i + 1 < m_levels.size(); ++i) {
      const Level& level = m_levels[i];
      if (level.object)
        out += (out.empty() ? "" : ".") + level.key;
      else
        out += "[" + std::to_string(level.index - 1) + "]";
    }
    return out.empty() ? "$" : out;
  }

  // The parser has just read the key's closing quote: find its opening one.
  void locate(DuplicateKey& found) const {
    std::size_t end = static_cast<std::size_t>(*m_read - m_text.data());
    std::size_t start = end >= 2 ? end - 2 : 0;
    while (start > 0) {
      if (m_text[start] == '"') {
        std::size_t slashes = 0;
        while (slashes < start && m_text[start - 1 - slashes] == '\\')
          ++slashes;
        if (slashes % 2 == 0)
          break;
      }
      --start;
    }
    found.offset = start;
    found.line =
        1 + static_cast<int>(std::count(m_text.begin(), m_text.begin() + static_cast<long>(start), '\n'));
  }

  std::string_view m_text;
  int m_max_depth;
  const char** m_read = nullptr;
  std::vector<Level> m_levels;
  std::optional<DuplicateKey> m_found;
};

// The key as a message shows it: a JSON string, cut to quoted_key_bytes at a character
// boundary.
std::string quote_key(const std::string& key) {
  if (key.size() <= quoted_key_bytes)
    return nlohmann::json(key).dump();
  std::size_t cut = quoted_key_bytes;
  while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80)
    --cut;
  std::string shown = nlohmann::json(key.substr(0, cut)).dump();
  shown.insert(shown.size() - 1, "...");
  return shown;
}

} // namespace

Probe JsonImporter::do_probe(const ProbeInput& input) const {
  // JSON in UTF-16 or UTF-32 is ours to refuse with json.encoding.
  if (auto form = wide_json_form(input.head); !form.empty())
    return probe_utf8(ascii_start(input.head, form));
  return probe_utf8(input.head);
}

model::Document JsonImporter::do_import(const InputSource& input, const Options& options, DiagnosticSink&) {
  // The descriptor bounds max-depth (1 to 1000); Options::parse has checked it.
  std::int64_t max_depth =
      options.has("max-depth") ? options.get_int("max-depth") : model::json_default_max_depth;
  std::string_view text = input.bytes();
  if (auto form = wide_json_form(text); !form.empty())
    throw ConversionError("json.encoding", "JSON must be UTF-8 (RFC 8259); this input is " +
                                               std::string(form) + ": convert it first, e.g. iconv -f " +
                                               std::string(form) + " -t UTF-8");
  // RFC 8259 asks for unique names and leaves duplicates to each reader: one keeps the
  // first, another the last. A document must not mean two things, so they are refused.
  if (auto duplicate = DuplicateKeyFinder(text, static_cast<int>(max_depth)).run())
    throw ConversionError("json.duplicate-key",
                          "key " + quote_key(duplicate->key) + " appears twice in " +
                              (duplicate->path == "$" ? std::string("the top object") : duplicate->path) +
                              "; keep one of them",
                          {input.name(), 0, duplicate->line, static_cast<long>(duplicate->offset)});
  try {
    return model::from_json(text, static_cast<int>(max_depth));
  } catch (const model::JsonTooDeep& e) {
    throw ConversionError("json.too-deep", std::string(e.what()) + " (option max-depth)");
  } catch (const model::JsonError& e) {
    throw ConversionError("json.invalid", std::string("not a resconv JSON document: ") + e.what());
  }
}

} // namespace resconv::json_format
