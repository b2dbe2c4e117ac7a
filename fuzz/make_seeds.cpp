// Writes the seed corpus for archive_fuzzer into the directory given as argv[1]:
// every golden archive in tests/data (argv[2..]) as a raw file (mode byte 0) and as a bare
// payload (its 32-byte header stripped, mode byte for its type and format), plus to_bytes() of
// the built-in China calendar and of a few deadlines in all three formats, both ways.

#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "charter/calendar/china.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/envelope.hpp"

namespace io = charter::io;
namespace cal = charter::calendar;

namespace {

int written = 0;

void write(const std::string& dir, const std::string& name, char mode, const std::string& data) {
  std::ofstream f(dir + "/" + name, std::ios::binary);
  f.put(mode);
  f.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!f) throw std::runtime_error("cannot write " + dir + "/" + name);
  ++written;
}

// Both modes for one complete file (header + payload).
void add(const std::string& dir, const std::string& name, const std::string& file) {
  write(dir, name + ".raw", 0, file);
  const auto type = static_cast<std::uint8_t>(file[24]);   // 1 calendar, 2 deadline
  const auto format = static_cast<std::uint8_t>(file[6]);  // 0 text, 1 xml, 2 binary
  const char mode = static_cast<char>(1 + (type - 1) * 3 + format);
  write(dir, name + ".payload", mode, file.substr(io::kEnvelopeHeaderSize));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: make_seeds OUT_DIR [GOLDEN.chrt...]\n";
    return 2;
  }
  const std::string dir = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::ifstream f(argv[i], std::ios::binary);
    const std::string file((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    std::string base = argv[i];
    base = base.substr(base.find_last_of('/') + 1);
    add(dir, "golden-" + base, file);
  }
  const char* fmt_names[] = {"text", "xml", "binary"};
  const cal::Deadline deadlines[] = {
      cal::Deadline::parse("24 business hours"), cal::Deadline::parse("3 business days"),
      cal::Deadline::parse("2 months"),          cal::Deadline::end_of_month(),
      cal::Deadline::parse("48 hours"),          cal::Deadline::parse("10 calendar days")};
  for (int f = 0; f < 3; ++f) {
    const auto format = static_cast<io::ArchiveFormat>(f);
    add(dir, std::string("china.") + fmt_names[f], io::to_bytes(cal::china_calendar(), format));
    int n = 0;
    for (const auto& d : deadlines) {
      add(dir, "deadline" + std::to_string(n++) + "." + fmt_names[f], io::to_bytes(d, format));
    }
  }
  std::cout << "make_seeds: " << written << " files in " << dir << "\n";
  return 0;
}
