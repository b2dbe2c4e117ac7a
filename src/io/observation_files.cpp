// Observation files: standard::Observation bound to the record-file reader and writer
// (record_files.hpp), with the same formats, rules and messages as event files.

#include "charter/io/observation_files.hpp"

#include "record_files.hpp"

namespace charter::io {
namespace {

using standard::Observation;

// The columns in the order of the JSON object, which the CSV header follows too: what
// and when (required), then the record's own id and who, where and through what (optional).
// Messages name an observation by its id.
const records::Files<Observation, ObservationLine, ObservationFileContents>& files() {
  static const records::Files<Observation, ObservationLine, ObservationFileContents> f(
      "observation", "an observation", "id",
      {{"kind", true, &Observation::kind}, {"at", true}, {"id", false, &Observation::id},
       {"staff", false, &Observation::staff}, {"unit", false, &Observation::unit},
       {"channel", false, &Observation::channel}},
      &ObservationLine::observation, &ObservationFileContents::observations);
  return f;
}

}  // namespace

void read_observations(std::string_view text, EventFormat format, std::string_view source,
                       const calendar::BusinessCalendar& zone,
                       const std::function<void(ObservationLine&&)>& on_observation,
                       const std::function<void(EventLineError&&)>& on_error) {
  files().read(text, format, source, zone, on_observation, on_error);
}

ObservationFileContents read_observation_text(std::string_view text, EventFormat format,
                                              std::string_view source,
                                              const calendar::BusinessCalendar& zone) {
  return files().read_text(text, format, source, zone);
}

ObservationFileContents read_observation_file(const std::string& path,
                                              const calendar::BusinessCalendar& zone) {
  return files().read_file(path, zone);
}

std::string write_observations(const std::vector<Observation>& observations, EventFormat format,
                               const calendar::BusinessCalendar& zone) {
  return files().write(observations, format, zone);
}

void save_observation_file(const std::string& path, const std::vector<Observation>& observations,
                           const calendar::BusinessCalendar& zone) {
  files().save(path, observations, zone);
}

}  // namespace charter::io
