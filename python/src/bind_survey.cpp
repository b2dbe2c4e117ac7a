// charter.survey: survey designs (dimensions, score scale, customer tiers), stratified sample
// plans and weighted satisfaction (charter::cycle, include/charter/cycle/survey.hpp).
//
// Every type has a keyword constructor and pickles through it (charter._pickle.construct): the
// __getstate__/__setstate__ path of py::pickle aborts under pickle protocols 0 and 1. The
// DataFrame-facing functions (sample_plan from a dict or DataFrame, satisfaction from a DataFrame)
// live in python/charter/survey.py; here are the typed cores they call.

#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>

#include "bindings.hpp"
#include "pickling.hpp"
#include "charter/cycle/sample_plan.hpp"
#include "charter/cycle/survey.hpp"

namespace charter::python {

namespace py = pybind11;
using namespace charter::cycle;

namespace {


py::dict estimate_kwargs(const Estimate& e) {
  py::dict d;
  d["dimension"] = e.dimension;
  d["answers"] = e.answers;
  d["mean"] = e.mean;
  d["mean_low"] = e.mean_low;
  d["mean_high"] = e.mean_high;
  d["satisfied"] = e.satisfied;
  d["satisfied_low"] = e.satisfied_low;
  d["satisfied_high"] = e.satisfied_high;
  d["effective_n"] = e.effective_n;
  d["tiers_without_answers"] = e.tiers_without_answers;
  return d;
}

}  // namespace

void bind_survey(py::module_& root) {
  py::module_ m = root.def_submodule("survey", "Survey designs, sample plans and weighted satisfaction.");

  py::class_<ScoreScale> scale(m, "ScoreScale",
                               "The answer scale of every item: lowest..highest, satisfied at or above satisfied_at.");
  scale.def(py::init([](double lowest, double highest, double satisfied_at) {
              return ScoreScale{lowest, highest, satisfied_at};
            }),
            py::arg("lowest") = 1.0, py::arg("highest") = 5.0, py::arg("satisfied_at") = 4.0)
      .def_readonly("lowest", &ScoreScale::lowest)
      .def_readonly("highest", &ScoreScale::highest)
      .def_readonly("satisfied_at", &ScoreScale::satisfied_at)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const ScoreScale& s) {
        return "ScoreScale(lowest=" + py::repr(py::float_(s.lowest)).cast<std::string>() +
               ", highest=" + py::repr(py::float_(s.highest)).cast<std::string>() +
               ", satisfied_at=" + py::repr(py::float_(s.satisfied_at)).cast<std::string>() + ")";
      });
  reduce_by_keywords(scale, [](const ScoreScale& s) {
    return py::dict(py::arg("lowest") = s.lowest, py::arg("highest") = s.highest,
                    py::arg("satisfied_at") = s.satisfied_at);
  });

  py::class_<Dimension> dimension(m, "Dimension", "A questionnaire item: id and label.");
  dimension
      .def(py::init([](std::string id, LocalizedText label) { return Dimension{std::move(id), std::move(label)}; }),
           py::arg("id"), py::arg("label") = LocalizedText{})
      .def_readonly("id", &Dimension::id)
      .def_readonly("label", &Dimension::label)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const Dimension& d) {
        return "Dimension(" + quote(d.id) + ", " + py::repr(py::cast(d.label)).cast<std::string>() + ")";
      });
  reduce_by_keywords(dimension, [](const Dimension& d) { return py::dict(py::arg("id") = d.id, py::arg("label") = d.label); });
  m.def("common_dimensions", &common_dimensions,
        "The four common items of R-26: timeliness, convenience, technical_quality, value_for_money.");

  py::class_<Tier> tier(m, "Tier", "A customer tier (R-27): weight in the estimate, share of the sample, minimum, population.");
  tier.def(py::init([](std::string id, LocalizedText label, double weight, double share, long long minimum,
                       std::optional<long long> population) {
             return Tier{std::move(id), std::move(label), weight, share, minimum, population};
           }),
           py::arg("id"), py::arg("label") = LocalizedText{}, py::arg("weight") = 1.0, py::arg("share") = 1.0,
           py::arg("minimum") = 0, py::arg("population") = py::none())
      .def_readonly("id", &Tier::id)
      .def_readonly("label", &Tier::label)
      .def_readonly("weight", &Tier::weight)
      .def_readonly("share", &Tier::share)
      .def_readonly("minimum", &Tier::minimum)
      .def_readonly("population", &Tier::population)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const Tier& t) {
        return "Tier(" + quote(t.id) + ", weight=" + py::repr(py::float_(t.weight)).cast<std::string>() +
               ", share=" + py::repr(py::float_(t.share)).cast<std::string>() + ", minimum=" +
               std::to_string(t.minimum) + ", population=" +
               (t.population ? std::to_string(*t.population) : std::string("None")) + ")";
      });
  reduce_by_keywords(tier, [](const Tier& t) {
    return py::dict(py::arg("id") = t.id, py::arg("label") = t.label, py::arg("weight") = t.weight,
                    py::arg("share") = t.share, py::arg("minimum") = t.minimum, py::arg("population") = t.population);
  });

  py::class_<SurveyDesign> design(m, "SurveyDesign", R"doc(A validated survey design: items, scale and customer tiers.

SurveyDesign(id, dimensions, tiers, scale=ScoreScale(), title=LocalizedText()) raises
charter.SurveyError listing every problem with its path ("tiers[1].weight: ...").)doc");
  design
      .def(py::init([](std::string id, std::vector<Dimension> dimensions, std::vector<Tier> tiers, ScoreScale scale,
                       LocalizedText title) {
             SurveySpec spec;
             spec.id = std::move(id);
             spec.title = std::move(title);
             spec.dimensions = std::move(dimensions);
             spec.tiers = std::move(tiers);
             spec.scale = scale;
             return SurveyDesign(std::move(spec));
           }),
           py::arg("id"), py::arg("dimensions"), py::arg("tiers"), py::arg("scale") = ScoreScale{},
           py::arg("title") = LocalizedText{})
      .def_property_readonly("id", &SurveyDesign::id)
      .def_property_readonly("title", [](const SurveyDesign& d) { return d.spec().title; })
      .def_property_readonly("dimensions", &SurveyDesign::dimensions)
      .def_property_readonly("tiers", &SurveyDesign::tiers)
      .def_property_readonly("scale", &SurveyDesign::scale)
      .def("dimension_index", &SurveyDesign::dimension_index, py::arg("id"), "Position of a dimension, or None.")
      .def("tier_index", &SurveyDesign::tier_index, py::arg("id"), "Position of a tier, or None.")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const SurveyDesign& d) {
        return "<charter.survey.SurveyDesign " + quote(d.id()) + ": " + std::to_string(d.dimensions().size()) +
               " dimensions, " + std::to_string(d.tiers().size()) + " tiers>";
      });
  reduce_by_keywords(design, [](const SurveyDesign& d) {
    return py::dict(py::arg("id") = d.id(), py::arg("dimensions") = d.dimensions(), py::arg("tiers") = d.tiers(),
                    py::arg("scale") = d.scale(), py::arg("title") = d.spec().title);
  });

  py::class_<SampleAllocation> alloc(m, "SampleAllocation", "One tier's part of a sample plan.");
  alloc
      .def(py::init([](std::string tier, double quota, long long size, bool at_minimum, bool at_population) {
             return SampleAllocation{std::move(tier), quota, size, at_minimum, at_population};
           }),
           py::arg("tier"), py::arg("quota"), py::arg("size"), py::arg("at_minimum") = false,
           py::arg("at_population") = false)
      .def_readonly("tier", &SampleAllocation::tier)
      .def_readonly("quota", &SampleAllocation::quota, "the exact (bounded) quota before rounding")
      .def_readonly("size", &SampleAllocation::size, "respondents to draw")
      .def_readonly("at_minimum", &SampleAllocation::at_minimum, "the minimum raised the quota")
      .def_readonly("at_population", &SampleAllocation::at_population, "the population capped the quota")
      .def("__eq__", [](const SampleAllocation& a, const SampleAllocation& b) {
        return a.tier == b.tier && a.quota == b.quota && a.size == b.size && a.at_minimum == b.at_minimum &&
               a.at_population == b.at_population;
      })
      .def("__repr__", [](const SampleAllocation& a) {
        return "SampleAllocation(" + quote(a.tier) + ", quota=" + py::repr(py::float_(a.quota)).cast<std::string>() +
               ", size=" + std::to_string(a.size) + ")";
      });
  alloc.attr("__hash__") = py::none();
  reduce_by_keywords(alloc, [](const SampleAllocation& a) {
    return py::dict(py::arg("tier") = a.tier, py::arg("quota") = a.quota, py::arg("size") = a.size,
                    py::arg("at_minimum") = a.at_minimum, py::arg("at_population") = a.at_population);
  });

  m.def("_sample_plan",
        [](long long total, std::vector<std::string> ids, std::vector<double> shares, std::vector<long long> minimums,
           std::vector<std::optional<long long>> populations) {
          if (shares.size() != ids.size() || minimums.size() != ids.size() || populations.size() != ids.size()) {
            throw std::invalid_argument("sample_plan: ids, shares, minimums and populations differ in length");
          }
          std::vector<TierQuota> tiers;
          for (std::size_t i = 0; i < ids.size(); ++i) tiers.push_back({ids[i], shares[i], minimums[i], populations[i]});
          return sample_plan(total, tiers);
        },
        py::arg("total"), py::arg("ids"), py::arg("shares"), py::arg("minimums"), py::arg("populations"));
  m.def("_sample_plan_design", [](long long total, const SurveyDesign& d) { return sample_plan(total, d); },
        py::arg("total"), py::arg("design"));

  py::class_<Estimate> estimate(m, "Estimate", "Weighted satisfaction of one item (or 'overall') with its intervals.");
  estimate
      .def(py::init([](std::string dimension, long long answers, double mean, double mean_low, double mean_high,
                       double satisfied, double satisfied_low, double satisfied_high, double effective_n,
                       std::vector<std::string> tiers_without_answers) {
             return Estimate{std::move(dimension), answers, mean, mean_low, mean_high, satisfied, satisfied_low,
                             satisfied_high, effective_n, std::move(tiers_without_answers)};
           }),
           py::arg("dimension"), py::arg("answers"), py::arg("mean"), py::arg("mean_low"), py::arg("mean_high"),
           py::arg("satisfied"), py::arg("satisfied_low"), py::arg("satisfied_high"), py::arg("effective_n"),
           py::arg("tiers_without_answers") = std::vector<std::string>{})
      .def_readonly("dimension", &Estimate::dimension)
      .def_readonly("answers", &Estimate::answers)
      .def_readonly("mean", &Estimate::mean)
      .def_readonly("mean_low", &Estimate::mean_low)
      .def_readonly("mean_high", &Estimate::mean_high)
      .def_readonly("satisfied", &Estimate::satisfied)
      .def_readonly("satisfied_low", &Estimate::satisfied_low)
      .def_readonly("satisfied_high", &Estimate::satisfied_high)
      .def_readonly("effective_n", &Estimate::effective_n)
      .def_readonly("tiers_without_answers", &Estimate::tiers_without_answers)
      .def("__repr__", [](const Estimate& e) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "', answers=%lld, mean=%.3f, satisfied=%.3f [%.3f, %.3f])", e.answers, e.mean,
                      e.satisfied, e.satisfied_low, e.satisfied_high);
        return "Estimate('" + e.dimension + buf;
      });
  reduce_by_keywords(estimate, estimate_kwargs);

  py::class_<TierCount> tier_count(m, "TierCount", "Respondents of one tier: all, and those who answered every item.");
  tier_count
      .def(py::init([](std::string tier, long long respondents, long long complete) {
             return TierCount{std::move(tier), respondents, complete};
           }),
           py::arg("tier"), py::arg("respondents"), py::arg("complete"))
      .def_readonly("tier", &TierCount::tier)
      .def_readonly("respondents", &TierCount::respondents)
      .def_readonly("complete", &TierCount::complete)
      .def("__repr__", [](const TierCount& t) {
        return "TierCount(" + quote(t.tier) + ", respondents=" + std::to_string(t.respondents) +
               ", complete=" + std::to_string(t.complete) + ")";
      });
  reduce_by_keywords(tier_count, [](const TierCount& t) {
    return py::dict(py::arg("tier") = t.tier, py::arg("respondents") = t.respondents, py::arg("complete") = t.complete);
  });

  py::class_<SatisfactionResult> result(m, "SatisfactionResult", R"doc(Weighted satisfaction of a survey.

dimensions: an Estimate per item in the design's order; overall: the Estimate over every item;
tiers: a TierCount per tier; to_frame() / tiers_frame(): the same as pandas DataFrames.)doc");
  result
      .def(py::init([](double confidence, long long respondents, std::vector<Estimate> dimensions, Estimate overall,
                       std::vector<TierCount> tiers) {
             return SatisfactionResult{confidence, respondents, std::move(dimensions), std::move(overall),
                                       std::move(tiers)};
           }),
           py::arg("confidence"), py::arg("respondents"), py::arg("dimensions"), py::arg("overall"), py::arg("tiers"))
      .def_readonly("confidence", &SatisfactionResult::confidence)
      .def_readonly("respondents", &SatisfactionResult::respondents)
      .def_readonly("dimensions", &SatisfactionResult::dimensions)
      .def_readonly("overall", &SatisfactionResult::overall)
      .def_readonly("tiers", &SatisfactionResult::tiers)
      .def("to_frame",
           [](const SatisfactionResult& r) {
             py::dict cols;
             std::vector<const Estimate*> rows;
             for (const auto& e : r.dimensions) rows.push_back(&e);
             rows.push_back(&r.overall);
             auto column = [&](const char* name, auto get) {
               py::list values;
               for (const Estimate* e : rows) values.append(get(*e));
               cols[name] = values;
             };
             column("dimension", [](const Estimate& e) { return e.dimension; });
             column("answers", [](const Estimate& e) { return e.answers; });
             column("mean", [](const Estimate& e) { return e.mean; });
             column("mean_low", [](const Estimate& e) { return e.mean_low; });
             column("mean_high", [](const Estimate& e) { return e.mean_high; });
             column("satisfied", [](const Estimate& e) { return e.satisfied; });
             column("satisfied_low", [](const Estimate& e) { return e.satisfied_low; });
             column("satisfied_high", [](const Estimate& e) { return e.satisfied_high; });
             column("effective_n", [](const Estimate& e) { return e.effective_n; });
             column("tiers_without_answers", [](const Estimate& e) {
               std::string s;
               for (const auto& t : e.tiers_without_answers) s += (s.empty() ? "" : ";") + t;
               return s;
             });
             return py::module_::import("pandas").attr("DataFrame")(cols).attr("set_index")("dimension");
           },
           "One row per item and a last row 'overall', indexed by dimension (tiers_without_answers ';'-joined).")
      .def("tiers_frame",
           [](const SatisfactionResult& r) {
             py::list tier, respondents, complete;
             for (const auto& t : r.tiers) {
               tier.append(t.tier);
               respondents.append(t.respondents);
               complete.append(t.complete);
             }
             py::dict cols;
             cols["tier"] = tier;
             cols["respondents"] = respondents;
             cols["complete"] = complete;
             return py::module_::import("pandas").attr("DataFrame")(cols).attr("set_index")("tier");
           },
           "Respondents per tier (R-25 asks for at least 50 in all), indexed by tier.")
      .def("__repr__", [](const SatisfactionResult& r) {
        char buf[120];
        std::snprintf(buf, sizeof buf, "<charter.survey.SatisfactionResult %lld respondents, overall satisfied %.3f>",
                      r.respondents, r.overall.satisfied);
        return std::string(buf);
      });
  reduce_by_keywords(result, [](const SatisfactionResult& r) {
    return py::dict(py::arg("confidence") = r.confidence, py::arg("respondents") = r.respondents,
                    py::arg("dimensions") = r.dimensions, py::arg("overall") = r.overall, py::arg("tiers") = r.tiers);
  });

  m.def("_satisfaction",
        [](const SurveyDesign& d, std::vector<std::string> tiers,
           py::array_t<double, py::array::c_style | py::array::forcecast> scores, double confidence) {
          if (scores.ndim() != 2 || static_cast<std::size_t>(scores.shape(0)) != tiers.size() ||
              static_cast<std::size_t>(scores.shape(1)) != d.dimensions().size()) {
            throw std::invalid_argument("satisfaction: scores must be a (respondents × dimensions) array");
          }
          const std::size_t n = tiers.size(), k = d.dimensions().size();
          std::vector<Response> responses(n);
          auto s = scores.unchecked<2>();
          for (std::size_t i = 0; i < n; ++i) {
            responses[i].tier = std::move(tiers[i]);
            responses[i].scores.resize(k);
            for (std::size_t j = 0; j < k; ++j) responses[i].scores[j] = s(i, j);
          }
          py::gil_scoped_release release;
          return satisfaction(d, responses, confidence);
        },
        py::arg("design"), py::arg("tiers"), py::arg("scores"), py::arg("confidence") = 0.95);
  // The DataFrame path: tiers as pandas.factorize codes into `labels`, so a million rows do not
  // cross into C++ as a million Python strings.
  m.def("_satisfaction_codes",
        [](const SurveyDesign& d, py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> codes,
           std::vector<std::string> labels, py::array_t<double, py::array::c_style | py::array::forcecast> scores,
           double confidence) {
          const std::size_t n = static_cast<std::size_t>(codes.size()), k = d.dimensions().size();
          if (codes.ndim() != 1 || scores.ndim() != 2 || static_cast<std::size_t>(scores.shape(0)) != n ||
              static_cast<std::size_t>(scores.shape(1)) != k) {
            throw std::invalid_argument("satisfaction: scores must be a (respondents × dimensions) array");
          }
          auto c = codes.unchecked<1>();
          auto s = scores.unchecked<2>();
          std::vector<Response> responses(n);
          for (std::size_t i = 0; i < n; ++i) {
            const std::int64_t code = c(i);
            // pandas.factorize gives -1 for a missing tier: an empty id, refused as unknown.
            if (code >= 0 && static_cast<std::size_t>(code) < labels.size()) responses[i].tier = labels[code];
            responses[i].scores.resize(k);
            for (std::size_t j = 0; j < k; ++j) responses[i].scores[j] = s(i, j);
          }
          py::gil_scoped_release release;
          return satisfaction(d, responses, confidence);
        },
        py::arg("design"), py::arg("codes"), py::arg("labels"), py::arg("scores"), py::arg("confidence") = 0.95);
  m.def("normal_quantile", &normal_quantile, py::arg("confidence"),
        "The two-sided standard-normal quantile: 1.959964 at 0.95.");
  m.def("wilson_interval", &wilson_interval, py::arg("p"), py::arg("n"), py::arg("z"),
        "Wilson score interval (low, high) for a proportion p on n (effective) answers at quantile z.");
}

}  // namespace charter::python
