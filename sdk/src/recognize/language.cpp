#include <resconv/sdk/data_path.hpp>
#include <resconv/sdk/recognize/language.hpp>

#include "text_util.hpp"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

namespace resconv::recognize {

std::string_view LanguageData::phrase(std::string_view role) const noexcept {
  for (const auto& [key, value] : phrases)
    if (key == role)
      return value;
  return {};
}

std::vector<std::string> LanguageData::articles() const {
  std::vector<std::string> out;
  std::string_view all = phrase("article");
  while (!all.empty()) {
    auto bar = all.find('|');
    out.emplace_back(all.substr(0, bar));
    if (bar == std::string_view::npos)
      break;
    all.remove_prefix(bar + 1);
  }
  return out;
}

int LanguageData::month_number(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < months.size(); ++i)
    if (util::iequals(months[i], name))
      return static_cast<int>(i + 1);
  return 0;
}

std::string LanguageData::lead_word(std::string_view text) const {
  auto words = util::words(text, 5);
  for (const auto& raw : words) {
    std::string w = util::lower_ascii(util::strip_punct(raw));
    if (w.empty())
      return {};
    if (preambular.count(w) || operative.count(w))
      return w;
    if (!modifiers.count(w))
      return {};
  }
  return {};
}

LanguageData LanguageData::load(const std::filesystem::path& data_dir, const std::string& code) {
  std::filesystem::path file = data_dir / "lang" / (code + ".json");
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw LanguageError(file.string() + ": cannot open language data");
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    auto j = nlohmann::json::parse(buffer.str());
    LanguageData d;
    d.code = j.at("code").get<std::string>();
    for (const auto& w : j.at("preambular"))
      d.preambular.insert(util::lower_ascii(w.get<std::string>()));
    for (const auto& w : j.at("operative"))
      d.operative.insert(util::lower_ascii(w.get<std::string>()));
    for (const auto& w : j.value("modifiers", nlohmann::json::array()))
      d.modifiers.insert(util::lower_ascii(w.get<std::string>()));
    d.months = j.at("months").get<std::vector<std::string>>();
    if (d.months.size() != 12)
      throw LanguageError(file.string() + ": \"months\" must list 12 names");
    for (const auto& b : j.value("bodies", nlohmann::json::array()))
      d.bodies.emplace_back(b.at("name").get<std::string>(), b.value("symbol_prefix", ""));
    // Longest body names first, so "Conference of the Parties serving as ..." wins over
    // its prefix.
    std::stable_sort(d.bodies.begin(), d.bodies.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for (const auto& [role, value] : j.at("phrases").items())
      d.phrases.emplace_back(role, value.get<std::string>());
    return d;
  } catch (const nlohmann::json::exception& e) {
    throw LanguageError(file.string() + ": " + e.what());
  }
}

std::vector<LanguageData> LanguageData::load_all(const std::filesystem::path& data_dir) {
  std::vector<LanguageData> all;
  std::error_code ec;
  std::vector<std::string> codes;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir / "lang", ec))
    if (entry.path().extension() == ".json")
      codes.push_back(entry.path().stem().string());
  if (ec)
    throw LanguageError((data_dir / "lang").string() + ": cannot list language data: " + ec.message());
  std::sort(codes.begin(), codes.end());
  for (const auto& code : codes)
    all.push_back(load(data_dir, code));
  if (all.empty())
    throw LanguageError((data_dir / "lang").string() + ": no language data found");
  return all;
}

const std::vector<LanguageData>& LanguageData::installed() {
  // Loaded once; a failure is remembered and rethrown to every caller.
  static std::once_flag once;
  static std::vector<LanguageData> languages;
  static std::string failure;
  std::call_once(once, [] {
    try {
      languages = load_all(data_directory());
    } catch (const std::exception& e) {
      failure = e.what();
    }
  });
  if (!failure.empty())
    throw LanguageError(failure);
  return languages;
}

} // namespace resconv::recognize
