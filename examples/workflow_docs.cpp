// Regenerates the Mermaid diagrams in a Markdown file from the workflows themselves, so the
// docs are drawn from the same transition table the engine runs (`make docs`).
//
//   charter_workflow_docs docs/workflows.md [charter.yaml]
//
// Every block between
//   <!-- mermaid: <workflow id> -->   and   <!-- end mermaid -->
// is replaced by a ```mermaid fence holding mermaid(definition) of that workflow of the charter
// (the built-in charter unless a charter file is given). The file is rewritten atomically and
// only when something changed.

#include <fstream>
#include <iostream>
#include <sstream>

#include "charter/io/atomic_file.hpp"
#include "charter/model/charter.hpp"
#include "charter/workflow/definition.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: charter_workflow_docs <markdown file> [charter file]\n";
    return 2;
  }
  try {
    const charter::Charter c = argc == 3 ? charter::Charter::load(argv[2]) : charter::builtin();
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
      std::cerr << argv[1] << ": cannot be read\n";
      return 1;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    const std::string open = "<!-- mermaid: ", close = "<!-- end mermaid -->";
    std::string out;
    std::size_t at = 0, blocks = 0;
    for (std::size_t start; (start = text.find(open, at)) != std::string::npos;) {
      const std::size_t id_end = text.find(" -->", start);
      const std::size_t end = text.find(close, start);
      if (id_end == std::string::npos || end == std::string::npos) {
        std::cerr << argv[1] << ": a '" << open << "' block is not closed by '" << close << "'\n";
        return 1;
      }
      const std::string id = text.substr(start + open.size(), id_end - start - open.size());
      out += text.substr(at, id_end + 4 - at) + "\n```mermaid\n" + charter::workflow::mermaid(c.workflow(id)) + "```\n";
      at = end;
      ++blocks;
    }
    out += text.substr(at);
    if (out != text) charter::io::write_file_atomically(argv[1], out);
    std::cout << argv[1] << ": " << blocks << " diagram(s) " << (out == text ? "already current" : "updated") << "\n";
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
