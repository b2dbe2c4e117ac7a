#include "charter/org/staff.hpp"

namespace charter::org {

std::string mask_name(const std::string& name) {
  // Keep the first UTF-8 character whole; star one per remaining character.
  std::string out;
  size_t i = 0, characters = 0;
  while (i < name.size()) {
    const auto c = static_cast<unsigned char>(name[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (characters == 0) {
      out.append(name, i, len);
    } else {
      out += '*';
    }
    ++characters;
    i += len;
  }
  // A one-character name would be shown whole: star it too. An empty name stays empty.
  return characters == 1 ? std::string(1, '*') : out;
}

std::string mask_phone(const std::string& phone) {
  if (phone.size() <= 4) return std::string(phone.size(), '*');
  return std::string(phone.size() - 4, '*') + phone.substr(phone.size() - 4);
}

}  // namespace charter::org
