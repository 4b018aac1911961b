// The Python module `polex`, a thin layer over the public C++ API (extract/polex.h).
//
//   import polex
//   doc = polex.extract(text)                  # dict: the schema-1 document
//   c = polex.clean(text)                      # dict: {"id", "text", "length", "map", "warnings"}
//   for doc in polex.extract_many(texts, jobs=4): ...   # GIL released while extracting
//
// The rules are compiled once per rules directory and kept for the life of the
// process. Offsets in the dicts are code points, i.e. Python string indices:
// text[a["start"]:a["end"]] == a["text"] for valid input.
#include <pybind11/pybind11.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "extract/polex.h"

namespace py = pybind11;

namespace {

struct EngineKey {
  std::string rules_dir;
  bool layout = true;
  bool operator<(const EngineKey& o) const { return std::tie(rules_dir, layout) < std::tie(o.rules_dir, o.layout); }
};

// Compiled engines by rules directory; only touched with the GIL held.
std::map<EngineKey, std::shared_ptr<const polex::Engine>>& engines() {
  static auto* cache = new std::map<EngineKey, std::shared_ptr<const polex::Engine>>();  // never destroyed: outlives the interpreter
  return *cache;
}

std::shared_ptr<const polex::Engine> engine_for(const py::object& rules, bool layout) {
  EngineKey key;
  if (!rules.is_none()) key.rules_dir = py::str(py::module_::import("os").attr("fspath")(rules));
  key.layout = layout;
  auto found = engines().find(key);
  if (found != engines().end()) return found->second;
  polex::EngineOptions options;
  options.rules_dir = key.rules_dir;
  options.layout = layout;
  auto engine = polex::Engine::create(options);
  if (!engine.ok()) throw py::value_error(engine.status().message());
  auto shared = std::make_shared<const polex::Engine>(std::move(engine).value());
  engines().emplace(key, shared);
  return shared;
}

// str (encoded as UTF-8) or bytes (read as polex reads files) -> bytes.
std::string text_bytes(const py::handle& text) {
  if (py::isinstance<py::bytes>(text)) return text.cast<std::string>();
  if (py::isinstance<py::str>(text)) return text.cast<std::string>();
  throw py::type_error("polex: a text must be str or bytes, not " + std::string(py::str(py::type::of(text))));
}

py::object json_loads(const std::string& json) { return py::module_::import("json").attr("loads")(py::str(json)); }

py::object extract(const py::object& text, const py::object& rules, const std::string& id, bool layout) {
  auto engine = engine_for(rules, layout);
  std::string bytes = text_bytes(text);
  std::string json;
  {
    py::gil_scoped_release nogil;
    json = engine->extract(bytes, id).json();
  }
  return json_loads(json);
}

py::object clean(const py::object& text, const py::object& rules, const std::string& id) {
  auto engine = engine_for(rules, true);
  std::string bytes = text_bytes(text);
  std::string json;
  {
    py::gil_scoped_release nogil;
    polex::Extraction x = engine->clean(bytes, id);
    nlohmann::json j = x.clean_json();
    j["warnings"] = x.warnings();
    json = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return json_loads(json);
}

// extract_many's iterator: pulls a chunk of inputs from the Python iterable,
// extracts it on `jobs` threads without the GIL, yields the dicts in input order.
class ExtractMany {
 public:
  ExtractMany(const py::iterable& items, int jobs, const py::object& rules, bool layout)
      : items_(py::iter(items)), engine_(engine_for(rules, layout)) {
    unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    jobs_ = jobs > 0 ? static_cast<unsigned>(jobs) : hardware;
    chunk_ = jobs_ * 16;
  }

  py::object next() {
    if (ready_.empty()) fill();
    if (ready_.empty()) throw py::stop_iteration();
    py::object doc = json_loads(ready_.front());
    ready_.pop_front();
    return doc;
  }

 private:
  struct Input {
    std::string id;
    std::string bytes;
  };

  // An item is a text (its id is its position, "0", "1", ...) or an (id, text) pair.
  Input read_item(const py::handle& item) {
    Input in;
    if (py::isinstance<py::tuple>(item) || py::isinstance<py::list>(item)) {
      py::sequence pair = py::reinterpret_borrow<py::sequence>(item);
      if (pair.size() != 2) throw py::value_error("polex.extract_many: an item must be a text or an (id, text) pair");
      in.id = py::str(pair[0]);
      in.bytes = text_bytes(pair[1]);
    } else {
      in.id = std::to_string(position_);
      in.bytes = text_bytes(item);
    }
    ++position_;
    return in;
  }

  void fill() {
    std::vector<Input> inputs;
    while (inputs.size() < chunk_ && items_ != py::iterator::sentinel()) {
      inputs.push_back(read_item(*items_));
      ++items_;
    }
    if (inputs.empty()) return;
    std::vector<std::string> outputs(inputs.size());
    {
      py::gil_scoped_release nogil;
      std::atomic<size_t> next{0};
      std::exception_ptr error;
      std::atomic<bool> failed{false};
      auto work = [&] {
        try {
          for (size_t i = next++; i < inputs.size(); i = next++) {
            outputs[i] = engine_->extract(inputs[i].bytes, inputs[i].id).json();
          }
        } catch (...) {
          if (!failed.exchange(true)) error = std::current_exception();
        }
      };
      unsigned threads = std::min<unsigned>(jobs_, static_cast<unsigned>(inputs.size()));
      std::vector<std::thread> pool;
      for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
      work();
      for (std::thread& t : pool) t.join();
      if (error) std::rethrow_exception(error);
    }
    for (std::string& s : outputs) ready_.push_back(std::move(s));
  }

  py::iterator items_;
  std::shared_ptr<const polex::Engine> engine_;
  unsigned jobs_ = 1;
  size_t chunk_ = 16;
  size_t position_ = 0;
  std::deque<std::string> ready_;
};

}  // namespace

PYBIND11_MODULE(polex, m) {
  m.doc() =
      "polex: policy options, actors and numeric claims in the text of policy reports.\n\n"
      "extract(text) returns the schema-1 document as a dict; clean(text) the cleaned text and\n"
      "its offset map; extract_many(texts, jobs=N) extracts many documents in parallel.\n"
      "Offsets are code points (Python string indices) of the input.";
  m.attr("__version__") = polex::library_version();
  m.attr("SCHEMA") = polex::kSchemaVersion;

  m.def("extract", &extract, py::arg("text"), py::arg("rules") = py::none(), py::arg("id") = "document",
        py::arg("layout") = true,
        "extract(text, rules=None, id='document', layout=True) -> dict\n\n"
        "The schema-1 document for `text` (str, or bytes decoded as polex decodes files):\n"
        "{'schema': 1, 'document': {'id', 'length', ...}, 'annotations': [{'type', 'start', 'end',\n"
        "'text', 'attrs', ...}, ...]}. `rules`: a rules directory overriding the embedded rules\n"
        "(compiled once per directory). layout=False keeps only policy_option, actor and\n"
        "numeric_claim annotations. Raises ValueError for invalid rules.");
  m.def("clean", &clean, py::arg("text"), py::arg("rules") = py::none(), py::arg("id") = "document",
        "clean(text, rules=None, id='document') -> dict\n\n"
        "Normalization only, as `polex clean --json`: {'id', 'text': the cleaned str, 'length':\n"
        "code points of the input, 'map': [[clean_start, clean_end, raw_start, raw_end], ...]\n"
        "(code points), 'warnings': [...]}.");
  py::class_<ExtractMany>(m, "ExtractMany", "Iterator of schema-1 dicts returned by extract_many().")
      .def("__iter__", [](ExtractMany& self) -> ExtractMany& { return self; })
      .def("__next__", &ExtractMany::next);
  m.def(
      "extract_many",
      [](const py::iterable& items, int jobs, const py::object& rules, bool layout) {
        return ExtractMany(items, jobs, rules, layout);
      },
      py::arg("items"), py::arg("jobs") = 0, py::arg("rules") = py::none(), py::arg("layout") = true,
      "extract_many(items, jobs=0, rules=None, layout=True) -> iterator of dict\n\n"
      "Extracts many documents on `jobs` threads (0: all cores) with the GIL released and yields\n"
      "their schema-1 dicts in input order. Each item is a text (str or bytes; its id is its\n"
      "position, '0', '1', ...) or an (id, text) pair. Reads the items lazily, a chunk at a time.");
}
