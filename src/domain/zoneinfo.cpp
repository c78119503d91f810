// SPDX-License-Identifier: Apache-2.0
#include "domain/zoneinfo.hpp"

#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>

#ifdef TALLY_ZONEINFO_TZIF
#include <windows.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "domain/tzif.hpp"
#else
#include <date/tz.h>
#endif

namespace tally::domain {
namespace {

std::string read_file(const auto& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Every zone found, by the name asked for.
std::mutex zones_mutex;
std::map<std::string, std::unique_ptr<IanaZone>, std::less<>> zones;

#ifdef TALLY_ZONEINFO_TZIF

// TZDIR, else the zoneinfo folder beside the module (tally.dll, or a program linking the
// engine statically) that holds this code.
std::filesystem::path zone_folder() {
  if (const wchar_t* dir = _wgetenv(L"TZDIR"); dir && *dir) return dir;
  HMODULE module = nullptr;
  if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                          reinterpret_cast<LPCWSTR>(&zone_folder), &module))
    return L"zoneinfo";
  std::wstring path(32768, L'\0');
  path.resize(GetModuleFileNameW(module, path.data(), static_cast<DWORD>(path.size())));
  return std::filesystem::path(path).parent_path() / L"zoneinfo";
}

// The file of a zone name, each part spelled exactly as on disk: Windows' file names ignore
// case, IANA's names do not ("america/new_york" is no zone on Linux either).
std::optional<std::filesystem::path> zone_file(const std::filesystem::path& folder, std::string_view name) {
  std::filesystem::path path = folder;
  std::error_code error;
  for (std::size_t start = 0; start <= name.size();) {
    const std::size_t slash = std::min(name.find('/', start), name.size());
    const std::string part(name.substr(start, slash - start));
    bool found = false;
    for (std::filesystem::directory_iterator it(path, error), end; !error && it != end; it.increment(error))
      if (it->path().filename().string() == part) found = true;
    if (!found) return std::nullopt;
    path /= part;
    start = slash + 1;
  }
  return path;
}

const TzifZone& tzif(const void* zone) { return *static_cast<const TzifZone*>(zone); }

#else

const date::time_zone& tz(const void* zone) { return *static_cast<const date::time_zone*>(zone); }

#endif

}  // namespace

#ifdef TALLY_ZONEINFO_TZIF

const IanaZone* IanaZone::find(std::string_view name) {
  std::lock_guard lock(zones_mutex);
  if (const auto it = zones.find(name); it != zones.end()) return it->second.get();
  const auto file = zone_file(zone_folder(), name);
  if (!file || !std::filesystem::is_regular_file(*file)) return nullptr;
  auto parsed = TzifZone::parse(read_file(*file));
  if (!parsed) return nullptr;
  auto& slot = zones[std::string(name)];
  slot.reset(new IanaZone(std::string(name), new TzifZone(std::move(*parsed))));  // lives as long as the process
  return slot.get();
}

IanaZone::Offset IanaZone::at(std::int64_t utc) const {
  const auto span = tzif(zone_).at(utc);
  return {span.offset, span.end};
}

std::int64_t IanaZone::first_instant(std::int64_t local) const {
  const auto info = tzif(zone_).at_local(local);
  return info.kind == TzifZone::Local::nonexistent ? info.first.end : local - info.first.offset;
}

std::string IanaZone::footer() const { return tzif(zone_).footer(); }

std::string IanaZone::database() {
  const std::u8string folder = zone_folder().u8string();  // the folder's name may be any script
  return "the zone database in " + std::string(folder.begin(), folder.end()) +
         " (TZDIR, or the zoneinfo folder beside tally.dll or tally.exe)";
}

#else

const IanaZone* IanaZone::find(std::string_view name) {
  std::lock_guard lock(zones_mutex);
  if (const auto it = zones.find(name); it != zones.end()) return it->second.get();
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;  // not a zone, or no zone database on this system
  }
  auto& slot = zones[std::string(name)];
  slot.reset(new IanaZone(std::string(zone->name()), zone));
  return slot.get();
}

IanaZone::Offset IanaZone::at(std::int64_t utc) const {
  const auto info = tz(zone_).get_info(date::sys_seconds{std::chrono::seconds{utc}});
  return {info.offset.count(), info.end.time_since_epoch().count()};
}

std::int64_t IanaZone::first_instant(std::int64_t local) const {
  const date::local_seconds when{std::chrono::seconds{local}};
  const auto info = tz(zone_).get_info(when);
  // A local time skipped by a change of offset: the change.
  return info.result == date::local_info::nonexistent ? info.first.end.time_since_epoch().count()
                                                      : (when.time_since_epoch() - info.first.offset).count();
}

// The last line of the zone's TZif file (libdate-tz reads only its transitions).
std::string IanaZone::footer() const {
  const std::string file = read_file("/usr/share/zoneinfo/" + name_);
  if (file.size() < 2 || file.back() != '\n') return "";
  const auto start = file.rfind('\n', file.size() - 2);
  return start == std::string::npos ? "" : file.substr(start + 1, file.size() - start - 2);
}

std::string IanaZone::database() { return "the system's zone database"; }

#endif

}  // namespace tally::domain
