#pragma once
// Files that are never left half-written.
//
// write_file_atomically writes to a temporary file in the same directory, fsyncs it, renames it
// over the target and fsyncs the directory: after a crash the path holds either the old
// content or the new, never a mix. On any failure the temporary file is removed and the old
// file is untouched.

#include <cstdint>
#include <string>
#include <string_view>

namespace charter::io {

/// Replaces `path` with `bytes` atomically; throws FileError naming the path and the reason.
void write_file_atomically(const std::string& path, std::string_view bytes);

/// Reads a whole file; throws FileError when it cannot be read and CorruptFileError when it is
/// larger than max_bytes (nothing that large was ever written by charter).
std::string read_file(const std::string& path, std::uint64_t max_bytes);

}  // namespace charter::io
