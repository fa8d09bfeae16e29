#include "batch/protocol.hpp"

#include <nlohmann/json.hpp>

namespace resconv::host {

std::string to_hex(std::string_view bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 0xF];
  }
  return out;
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

std::string bytes_at(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string())
    throw ProtocolError(std::string("the job has no '") + key + "'");
  auto bytes = from_hex(it->get<std::string>());
  if (!bytes)
    throw ProtocolError(std::string("the job's '") + key + "' is not hex");
  return *bytes;
}

nlohmann::json parse(std::string_view line, const char* what) {
  try {
    auto j = nlohmann::json::parse(line);
    if (!j.is_object())
      throw ProtocolError(std::string("the ") + what + " is not a JSON object");
    return j;
  } catch (const nlohmann::json::exception& e) {
    throw ProtocolError(std::string("the ") + what + " is not JSON: " + e.what());
  }
}

} // namespace

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0)
    return std::nullopt;
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = hex_value(hex[i]), lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0)
      return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

std::string encode_job(const WorkerJob& job) {
  nlohmann::json j;
  j["input"] = to_hex(job.input);
  j["output_dir"] = to_hex(job.output_dir);
  j["to"] = job.to; // Format ids: ASCII.
  j["from"] = job.from;
  std::vector<std::string> options;
  for (const auto& o : job.options)
    options.push_back(to_hex(o));
  j["options"] = options;
  j["options_checked"] = job.options_checked;
  j["diagnostics"] = to_hex(job.diagnostics);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

WorkerJob decode_job(std::string_view line) {
  nlohmann::json j = parse(line, "job");
  WorkerJob job;
  try {
    job.input = bytes_at(j, "input");
    job.output_dir = bytes_at(j, "output_dir");
    job.to = j.at("to").get<std::vector<std::string>>();
    job.from = j.value("from", "");
    for (const auto& o : j.value("options", std::vector<std::string>{})) {
      auto option = from_hex(o);
      if (!option)
        throw ProtocolError("an option of the job is not hex");
      job.options.push_back(*option);
    }
    job.options_checked = j.value("options_checked", false);
    job.diagnostics = bytes_at(j, "diagnostics");
  } catch (const nlohmann::json::exception& e) {
    throw ProtocolError(std::string("a field of the job has the wrong type: ") + e.what());
  }
  return job;
}

std::string encode_reply(const WorkerReply& reply) {
  nlohmann::json j;
  j["code"] = reply.code;
  j["warnings"] = reply.warnings;
  if (!reply.diagnostics_error.empty())
    j["diagnostics_error"] = reply.diagnostics_error;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

WorkerReply decode_reply(std::string_view line) {
  nlohmann::json j = parse(line, "reply");
  WorkerReply reply;
  try {
    reply.code = j.at("code").get<int>();
    reply.warnings = j.value("warnings", std::size_t{0});
    reply.diagnostics_error = j.value("diagnostics_error", "");
  } catch (const nlohmann::json::exception& e) {
    throw ProtocolError(std::string("a field of the reply has the wrong type: ") + e.what());
  }
  return reply;
}

} // namespace resconv::host
