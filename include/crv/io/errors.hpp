#pragma once
// The exceptions of the io layer (REFERENCE.md section 10).

#include <stdexcept>
#include <string>

#include "crv/export.hpp"

namespace crv::io {

/// Base of every io error. Filesystem failures carry the errno value (0 otherwise).
class CRV_IO_EXPORT IoError : public std::runtime_error {
 public:
  explicit IoError(const std::string& message, int sys_errno = 0)
      : std::runtime_error(message), sys_errno_(sys_errno) {}

  /// The errno of the failed system call, 0 when the error is not a system error.
  int sys_errno() const noexcept { return sys_errno_; }

 private:
  int sys_errno_;
};

/// Invalid settings; the message names the source (variable, or file and key) and value.
class CRV_IO_EXPORT IoConfigError : public IoError {
 public:
  using IoError::IoError;
};

/// A frame that does not match its table descriptor.
class CRV_IO_EXPORT IoSchemaError : public IoError {
 public:
  using IoError::IoError;
};

/// A failure of the atomic write path of a Parquet part.
class CRV_IO_EXPORT IoWriteError : public IoError {
 public:
  using IoError::IoError;
};

/// A manifest that is missing where required, corrupt, or not writable.
class CRV_IO_EXPORT IoManifestError : public IoError {
 public:
  using IoError::IoError;
};

}  // namespace crv::io
