// libFuzzer target for charter files: arbitrary bytes through charter::io::parse_charter.
//
// Everything a hostile or broken file can do must end in a charter::Error (CharterFileError,
// OrganizationError is wrapped, CalendarError …): anything else escaping — std::bad_alloc,
// std::out_of_range from a stray lookup, a crash, a hang — is a finding. Seeds: the built-in
// charter and the complete example of docs/charter-file.md (fuzz/run seeds writes them).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "charter/error.hpp"
#include "charter/io/charter_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const charter::Charter c =
        charter::io::parse_charter(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    // Touch what was built, so lazily wrong state would show.
    for (const auto& [id, cal] : c.calendars()) (void)cal.first_day();
    for (const auto& r : c.organization().roles()) (void)c.organization().escalation_chain(r.id);
  } catch (const charter::Error&) {
  }
  return 0;
}
