#include <resconv/sdk/data_path.hpp>
#include <resconv/sdk/language/text.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/profile.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <sstream>

namespace resconv::recognize {

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& key, const std::string& why) {
  throw ProfileError(file.string() + ": " + key + ": " + why);
}

std::vector<std::string> strings(const json& j, const char* key, const std::filesystem::path& file) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null())
    return out;
  if (!it->is_array())
    fail(file, key, "expected an array of strings");
  for (const auto& v : *it) {
    if (!v.is_string())
      fail(file, key, "expected an array of strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::string text(const json& j, const char* key, const std::filesystem::path& file, bool required) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required)
      fail(file, key, "missing");
    return {};
  }
  if (!it->is_string())
    fail(file, key, "expected a string");
  return it->get<std::string>();
}

} // namespace

BodyProfile BodyProfile::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw ProfileError(file.string() + ": cannot read the body profile");
  std::stringstream buffer;
  buffer << in.rdbuf();
  json j;
  try {
    j = json::parse(buffer.str());
  } catch (const json::exception& e) {
    throw ProfileError(file.string() + ": not valid JSON: " + e.what());
  }
  if (!j.is_object())
    fail(file, "$", "expected an object");
  BodyProfile p;
  p.m_id = text(j, "id", file, true);
  p.m_name = text(j, "name", file, true);
  std::string where = file.string() + ": deliberation_heading";
  for (const auto& regex : strings(j, "deliberation_heading", file)) {
    try {
      p.m_headings.emplace_back(regex, where);
    } catch (const language::PatternError& e) {
      throw ProfileError(e.what());
    }
  }
  if (auto kinds = j.find("kinds"); kinds != j.end() && !kinds->is_null()) {
    if (!kinds->is_object())
      fail(file, "kinds", "expected an object of token: [printed words]");
    for (const auto& [token, words] : kinds->items()) {
      std::vector<std::string> folded;
      if (!words.is_array())
        fail(file, "kinds." + token, "expected an array of strings");
      for (const auto& w : words) {
        if (!w.is_string())
          fail(file, "kinds." + token, "expected an array of strings");
        folded.push_back(language::fold(w.get<std::string>()));
      }
      p.m_kinds.emplace_back(token, std::move(folded));
    }
  }
  if (std::string k = text(j, "default_kind", file, false); !k.empty())
    p.m_default_kind = k;
  if (auto bodies = j.find("bodies_by_number"); bodies != j.end() && !bodies->is_null()) {
    if (!bodies->is_array())
      fail(file, "bodies_by_number", "expected an array of {pattern, body}");
    for (const auto& b : *bodies) {
      if (!b.is_object())
        fail(file, "bodies_by_number", "expected an array of {pattern, body}");
      try {
        p.m_bodies.push_back(
            {language::Pattern(text(b, "pattern", file, true), file.string() + ": bodies_by_number"),
             text(b, "body", file, true)});
      } catch (const language::PatternError& e) {
        throw ProfileError(e.what());
      }
    }
  }
  return p;
}

const std::vector<BodyProfile>& BodyProfile::installed() {
  static std::once_flag once;
  static std::vector<BodyProfile> profiles;
  static std::string failure;
  std::call_once(once, [] {
    try {
      std::filesystem::path dir = data_directory() / "bodies";
      std::vector<std::filesystem::path> files;
      std::error_code ec;
      for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.path().extension() == ".json")
          files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files)
        profiles.push_back(load(f));
    } catch (const std::exception& e) {
      failure = e.what();
    }
  });
  if (!failure.empty())
    throw ProfileError(failure);
  return profiles;
}

std::optional<DeliberationHeading> BodyProfile::heading(std::string_view line) const {
  std::string text = model::collapse_space(line);
  if (text.empty() || text.size() > 400) // a heading is a line, never a paragraph
    return std::nullopt;
  for (const auto& pattern : m_headings) {
    auto m = pattern.full(text);
    if (!m)
      continue;
    DeliberationHeading h;
    h.number = m->group("number");
    if (h.number.empty())
      continue;
    if (std::string kind = language::fold(m->group("kind")); !kind.empty()) {
      for (const auto& [token, words] : m_kinds)
        if (std::find(words.begin(), words.end(), kind) != words.end())
          h.kind = token;
    }
    if (!h.kind)
      h.kind = m_default_kind;
    if (std::string title = model::collapse_space(m->group("title")); !title.empty())
      h.title = title;
    for (const auto& b : m_bodies)
      if (b.pattern.search(h.number)) {
        h.body_id = b.body;
        break;
      }
    return h;
  }
  return std::nullopt;
}

} // namespace resconv::recognize
