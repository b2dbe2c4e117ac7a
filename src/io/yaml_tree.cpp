#include "yaml_tree.hpp"

#include <yaml.h>

#include <algorithm>
#include <memory>

namespace charter::io::yaml {

const Node* Node::get(std::string_view key) const {
  if (kind != Kind::map) return nullptr;
  for (const auto& [k, v] : entries) {
    if (k.kind == Kind::scalar && k.value == key) return &v;
  }
  return nullptr;
}

namespace {

// Plain scalars that YAML reads as null.
bool is_null_text(const yaml_event_t& e) {
  if (e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
  const std::string_view v(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
  return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

class Builder {
 public:
  explicit Builder(std::string_view text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~Builder() { yaml_parser_delete(&parser_); }
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  Node document() {
    expect(YAML_STREAM_START_EVENT);
    Event e = next();
    if (e->type == YAML_STREAM_END_EVENT) return Node{};
    if (e->type != YAML_DOCUMENT_START_EVENT) fail(*e, "expected a document");
    Event first = next();
    if (first->type == YAML_DOCUMENT_END_EVENT) return Node{};
    Node root = node(*first, 0);
    Event end = next();
    if (end->type != YAML_DOCUMENT_END_EVENT) fail(*end, "expected the end of the document");
    Event more = next();
    if (more->type != YAML_STREAM_END_EVENT) fail(*more, "a charter file holds one YAML document ('---' starts a second)");
    return root;
  }

 private:
  struct EventDeleter {
    void operator()(yaml_event_t* e) const {
      yaml_event_delete(e);
      delete e;
    }
  };
  using Event = std::unique_ptr<yaml_event_t, EventDeleter>;

  static constexpr int kMaxDepth = 200;

  Event next() {
    auto* e = new yaml_event_t;
    if (!yaml_parser_parse(&parser_, e)) {
      delete e;
      const yaml_mark_t& m = parser_.problem ? parser_.problem_mark : parser_.mark;
      std::string why = parser_.problem ? parser_.problem : "invalid YAML";
      if (parser_.context) why = std::string(parser_.context) + ": " + why;
      throw SyntaxError{static_cast<int>(m.line) + 1, static_cast<int>(m.column) + 1, why};
    }
    return Event(e);
  }

  void expect(yaml_event_type_t type) {
    Event e = next();
    if (e->type != type) fail(*e, "unexpected YAML event");
  }

  [[noreturn]] static void fail(const yaml_event_t& e, const std::string& why) {
    throw SyntaxError{static_cast<int>(e.start_mark.line) + 1, static_cast<int>(e.start_mark.column) + 1, why};
  }

  Node node(const yaml_event_t& e, int depth) {
    if (depth > kMaxDepth) fail(e, "nested more than " + std::to_string(kMaxDepth) + " levels deep");
    Node n;
    n.line = static_cast<int>(e.start_mark.line) + 1;
    n.column = static_cast<int>(e.start_mark.column) + 1;
    switch (e.type) {
      case YAML_ALIAS_EVENT:
        fail(e, "anchors and aliases (*name) are not supported in charter files");
      case YAML_SCALAR_EVENT:
        if (e.data.scalar.anchor) fail(e, "anchors (&name) are not supported in charter files");
        if (is_null_text(e)) {
          n.kind = Node::Kind::null;
        } else {
          n.kind = Node::Kind::scalar;
          n.value.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        }
        return n;
      case YAML_SEQUENCE_START_EVENT:
        if (e.data.sequence_start.anchor) fail(e, "anchors (&name) are not supported in charter files");
        n.kind = Node::Kind::sequence;
        for (Event item = next(); item->type != YAML_SEQUENCE_END_EVENT; item = next()) {
          n.items.push_back(node(*item, depth + 1));
        }
        return n;
      case YAML_MAPPING_START_EVENT:
        if (e.data.mapping_start.anchor) fail(e, "anchors (&name) are not supported in charter files");
        n.kind = Node::Kind::map;
        for (Event key = next(); key->type != YAML_MAPPING_END_EVENT; key = next()) {
          Node k = node(*key, depth + 1);
          if (k.kind == Node::Kind::scalar && n.get(k.value) && n.entries.size() < 64) {
            fail(*key, "duplicate key '" + k.value + "'");
          }
          Event value = next();
          n.entries.emplace_back(std::move(k), node(*value, depth + 1));
        }
        // Large maps are checked once at the end rather than per insertion.
        if (n.entries.size() >= 64) check_duplicates(n);
        return n;
      default:
        fail(e, "unexpected YAML event");
    }
  }

  static void check_duplicates(const Node& map) {
    std::vector<const Node*> keys;
    for (const auto& [k, v] : map.entries) {
      if (k.kind == Node::Kind::scalar) keys.push_back(&k);
    }
    std::sort(keys.begin(), keys.end(), [](const Node* a, const Node* b) {
      return a->value < b->value || (a->value == b->value && (a->line < b->line || (a->line == b->line && a->column < b->column)));
    });
    for (size_t i = 1; i < keys.size(); ++i) {
      if (keys[i]->value == keys[i - 1]->value) {
        throw SyntaxError{keys[i]->line, keys[i]->column, "duplicate key '" + keys[i]->value + "'"};
      }
    }
  }

  yaml_parser_t parser_{};
};

}  // namespace

Node parse(std::string_view text) { return Builder(text).document(); }

}  // namespace charter::io::yaml
