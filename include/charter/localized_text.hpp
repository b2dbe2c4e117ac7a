#pragma once
// LocalizedText: a name or text in Chinese and English, side by side.
//
// The source documents are Chinese; charter's identifiers are English. Every human-readable
// label in a charter carries both, so a report can be printed in either language. Either may be
// empty; preferred() gives English when present, otherwise Chinese.

#include <string>

namespace charter {

struct LocalizedText {
  std::string zh;  ///< 中文
  std::string en;  ///< English

  const std::string& preferred() const { return en.empty() ? zh : en; }
  /// "Customer-service manager (客户服务经理)", or whichever half exists.
  std::string both() const {
    if (zh.empty()) return en;
    if (en.empty()) return zh;
    return en + " (" + zh + ")";
  }
  friend bool operator==(const LocalizedText& a, const LocalizedText& b) {
    return a.zh == b.zh && a.en == b.en;
  }
  friend bool operator!=(const LocalizedText& a, const LocalizedText& b) { return !(a == b); }
};

}  // namespace charter
