#include "docx_format.hpp"

#include <zip.h>

#include <algorithm>
#include <memory>
#include <set>

namespace resconv::docx {

namespace {
struct ZipClose {
  void operator()(zip_t* z) const noexcept { zip_discard(z); }
};
// The name two entries share, found by opening the package again without the consistency
// check (which refuses the package without saying which name); empty when not found.
std::string shared_name(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_error_fini(&error);
  if (source == nullptr)
    return {};
  zip_error_init(&error);
  std::unique_ptr<zip_t, ZipClose> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  zip_error_fini(&error);
  if (!archive) {
    zip_source_free(source);
    return {};
  }
  std::set<std::string> seen;
  zip_int64_t count = zip_get_num_entries(archive.get(), ZIP_FL_UNCHANGED);
  for (zip_int64_t i = 0; i < count; ++i)
    if (const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW))
      if (!seen.insert(name).second)
        return name;
  return {};
}

// Why libzip could not open an entry, in words a user can act on.
[[noreturn]] void cannot_open(zip_t* archive, const std::string& name, const zip_stat_t& st) {
  zip_error_t* error = zip_get_error(archive);
  const int code = zip_error_code_zip(error);
  const std::string why = zip_error_strerror(error);
  switch (code) {
  case ZIP_ER_NOPASSWD:
  case ZIP_ER_WRONGPASSWD:
  case ZIP_ER_ENCRNOTSUPP:
    throw ConversionError("docx.encrypted", "the entry " + name +
                                                " is encrypted (a password-protected zip; libzip: " + why +
                                                "): save the document without a password");
  case ZIP_ER_COMPNOTSUPP: {
    std::string method = "method ";
    if (st.valid & ZIP_STAT_COMP_METHOD) {
      method += std::to_string(st.comp_method);
      // The names of the methods a zip may declare beyond deflate (APPNOTE 4.4.5).
      static const std::pair<int, const char*> names[] = {{9, "Deflate64"},  {12, "bzip2"}, {14, "LZMA"},
                                                          {93, "Zstandard"}, {95, "XZ"},    {98, "PPMd"}};
      for (const auto& [id, label] : names)
        if (st.comp_method == id)
          method += std::string(" (") + label + ")";
    } else {
      method += "unknown";
    }
    throw ConversionError(
        "docx.zip", "the entry " + name + " is compressed with a method resconv cannot read (" + method +
                        "; libzip: " + why + "): Word writes deflate, save the document again from Word");
  }
  default:
    throw ConversionError("docx.zip", "cannot open the entry " + name + " (libzip: " + why + ")");
  }
}

} // namespace

std::map<std::string, std::string> read_zip(std::string_view bytes, const std::vector<std::string>& names,
                                            const ZipLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr)
    throw ConversionError("docx.zip", "cannot read the package");
  std::unique_ptr<zip_t, ZipClose> archive(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
  if (!archive) {
    zip_source_free(source);
    const int code = zip_error_code_zip(&error);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    // ZIP_CHECKCONS makes libzip refuse two entries of one name ("File already exists"):
    // which copy a reader takes differs from tool to tool, so such a package means two things.
    if (code == ZIP_ER_EXISTS) {
      std::string name = shared_name(bytes);
      throw ConversionError("docx.zip", "two entries of the package share the name " +
                                            (name.empty() ? std::string("(unknown)") : "'" + name + "'") +
                                            ": refused, since readers differ on which one counts");
    }
    throw ConversionError("docx.zip", "not a valid DOCX package (zip): " + why);
  }
  zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  if (count < 0 || static_cast<std::size_t>(count) > limits.max_entries)
    throw ConversionError("docx.zip-bomb",
                          "the package has too many entries (" + std::to_string(count) + ")");
  // Entry names that climb out of the package or are absolute are an attack on tools that
  // unpack to disk; we never do, but such a package is no OPC package either.
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* entry = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    if (entry == nullptr)
      throw ConversionError("docx.zip", "cannot read the name of entry " + std::to_string(i));
    std::string n(entry);
    std::replace(n.begin(), n.end(), '\\', '/');
    bool absolute = !n.empty() && (n.front() == '/' || (n.size() > 1 && n[1] == ':'));
    bool climbs = false;
    for (std::size_t at = 0; at <= n.size() && !climbs;) {
      std::size_t end = std::min(n.find('/', at), n.size());
      climbs = n.compare(at, end - at, "..") == 0;
      at = end + 1;
    }
    if (climbs || absolute)
      throw ConversionError("docx.unsafe-entry",
                            "the package has an entry named '" + std::string(entry) + "' (" +
                                (climbs ? "it climbs out of the package" : "an absolute path") +
                                "): refused");
  }
  std::map<std::string, std::string> out;
  std::size_t total = 0;
  for (const auto& name : names) {
    zip_int64_t index = zip_name_locate(archive.get(), name.c_str(), 0);
    if (index < 0)
      continue;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0)
      throw ConversionError("docx.zip", "cannot read the entry " + name);
    if ((st.valid & ZIP_STAT_SIZE) && st.size > limits.max_entry_bytes)
      throw ConversionError("docx.zip-bomb",
                            "entry " + name + " is too large (" + std::to_string(st.size) + " bytes)");
    if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > (1u << 20) && st.comp_size > 0 &&
        static_cast<double>(st.size) / static_cast<double>(st.comp_size) > limits.max_ratio)
      throw ConversionError("docx.zip-bomb", "entry " + name + " expands more than " +
                                                 std::to_string(static_cast<int>(limits.max_ratio)) +
                                                 " times");
    zip_file_t* file = zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr)
      cannot_open(archive.get(), name, st);
    std::string data;
    char buffer[1 << 16];
    zip_int64_t n;
    // The sizes in the headers may lie: count what really comes out.
    while ((n = zip_fread(file, buffer, sizeof buffer)) > 0) {
      data.append(buffer, static_cast<std::size_t>(n));
      if (data.size() > limits.max_entry_bytes || total + data.size() > limits.max_total_bytes) {
        zip_fclose(file);
        throw ConversionError("docx.zip-bomb", "entry " + name + " expands beyond the size limit");
      }
    }
    if (n < 0) {
      std::string why = zip_error_strerror(zip_file_get_error(file));
      zip_fclose(file);
      throw ConversionError("docx.zip", "entry " + name + " is damaged (libzip: " + why + ")");
    }
    zip_fclose(file);
    // The header's compressed size may lie too: check the ratio of what came out.
    if (data.size() > (1u << 20) && (st.valid & ZIP_STAT_COMP_SIZE) &&
        static_cast<double>(data.size()) >
            limits.max_ratio * static_cast<double>(std::max<zip_uint64_t>(st.comp_size, 1)))
      throw ConversionError("docx.zip-bomb", "entry " + name + " expands more than " +
                                                 std::to_string(static_cast<int>(limits.max_ratio)) +
                                                 " times");
    total += data.size();
    out.emplace(name, std::move(data));
  }
  return out;
}

std::string write_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(target);
  zip_t* archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
  if (archive == nullptr)
    throw ConversionError("docx.zip", "cannot create the package");
  // 1980-01-01 00:00, the zip epoch: the same model gives the same bytes.
  const time_t fixed = 315532800;
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(archive, data.data(), data.size(), 0);
    zip_int64_t index = zip_file_add(archive, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(s);
      zip_discard(archive);
      throw ConversionError("docx.zip", "cannot add " + name);
    }
    zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), fixed, 0);
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    throw ConversionError("docx.zip", "cannot write the package");
  }
  std::string out;
  zip_source_open(target);
  char buffer[1 << 16];
  zip_int64_t n;
  while ((n = zip_source_read(target, buffer, sizeof buffer)) > 0)
    out.append(buffer, static_cast<std::size_t>(n));
  zip_source_close(target);
  zip_source_free(target);
  return out;
}

} // namespace resconv::docx
