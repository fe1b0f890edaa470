#pragma once
/// @file
/// The exceptions of the io layer (REFERENCE.md section 10, and two more).
///
/// Every error the io API throws is one of the subclasses below (IoError itself cannot be
/// constructed: catch it, never throw it). The class says which part of the library failed,
/// as the reference's classes do; kind() says what kind of failure it was, as LevelDB's
/// Status does, so that a caller can decide what to do next (retry an IO failure, fix an
/// argument, repair a corrupt table) without parsing the message.

#include <cerrno>
#include <stdexcept>
#include <string>
#include <string_view>

#include "crv/export.hpp"

namespace crv::io {

/// What kind of failure an IoError is.
enum class ErrorKind {
  InvalidArgument,  ///< a value given by the caller (argument, setting, frame) is not valid
  NotFound,         ///< a file, run or table that must exist does not
  Corruption,       ///< what is on disk is not what crv-io wrote (a damaged file or manifest)
  NotSupported,     ///< valid, but written by a newer crv-io or using a feature not built in
  IOError,          ///< the operating system failed a call (disk full, permission, EIO)
};

/// The name of a kind: "invalid argument", "not found", "corruption", "not supported", "io error".
CRV_IO_EXPORT std::string_view to_string(ErrorKind kind) noexcept;

/// Base of every io error. Filesystem failures carry the errno value (0 otherwise).
class CRV_IO_EXPORT IoError : public std::runtime_error {
 public:
  /// The errno of the failed system call, 0 when the error is not a system error.
  int sys_errno() const noexcept { return sys_errno_; }

  /// What kind of failure this is.
  ErrorKind kind() const noexcept { return kind_; }

 protected:
  /// For the subclasses: an io error is always one of them.
  IoError(const std::string& message, ErrorKind kind, int sys_errno)
      : std::runtime_error(message), kind_(kind), sys_errno_(sys_errno) {}

  /// The kind of a system error: NotFound for ENOENT, IOError for any other errno, and
  /// `otherwise` when there is no errno.
  static ErrorKind kind_of_errno(int sys_errno, ErrorKind otherwise) noexcept {
    if (sys_errno == 0) return otherwise;
    return sys_errno == ENOENT ? ErrorKind::NotFound : ErrorKind::IOError;
  }

 private:
  ErrorKind kind_;
  int sys_errno_;
};

/// Invalid settings; the message names the source (variable, or file and key) and value.
class CRV_IO_EXPORT IoConfigError : public IoError {
 public:
  /// The kind follows `sys_errno` (InvalidArgument without one).
  explicit IoConfigError(const std::string& message, int sys_errno = 0)
      : IoError(message, kind_of_errno(sys_errno, ErrorKind::InvalidArgument), sys_errno) {}
};

/// A frame that does not match its table descriptor.
class CRV_IO_EXPORT IoSchemaError : public IoError {
 public:
  /// Never a system error: `sys_errno()` is 0.
  explicit IoSchemaError(const std::string& message, ErrorKind kind = ErrorKind::InvalidArgument)
      : IoError(message, kind, 0) {}
};

/// A failure of the write path: a part, the append log, a manifest or bundle being written.
class CRV_IO_EXPORT IoWriteError : public IoError {
 public:
  /// The kind follows `sys_errno` (IOError without one).
  explicit IoWriteError(const std::string& message, int sys_errno = 0)
      : IoError(message, kind_of_errno(sys_errno, ErrorKind::IOError), sys_errno) {}
  /// An explicit kind.
  IoWriteError(const std::string& message, ErrorKind kind, int sys_errno = 0) : IoError(message, kind, sys_errno) {}
};

/// A manifest (or the append log it is derived from) that is missing where required,
/// corrupt, or not writable.
class CRV_IO_EXPORT IoManifestError : public IoError {
 public:
  /// The kind follows `sys_errno` (Corruption without one).
  explicit IoManifestError(const std::string& message, int sys_errno = 0)
      : IoError(message, kind_of_errno(sys_errno, ErrorKind::Corruption), sys_errno) {}
  /// An explicit kind.
  IoManifestError(const std::string& message, ErrorKind kind, int sys_errno = 0) : IoError(message, kind, sys_errno) {}
};

/// An argument of a call that is not valid: a run id, a tick range, a limit, a cursor, a
/// bucket id. Nothing was read or written.
class CRV_IO_EXPORT IoArgumentError : public IoError {
 public:
  /// Kind InvalidArgument.
  explicit IoArgumentError(const std::string& message) : IoError(message, ErrorKind::InvalidArgument, 0) {}
};

/// A read that failed: a system call of the read path (kind IOError or NotFound, with its
/// errno) or a stored file whose content is damaged (kind Corruption).
class CRV_IO_EXPORT IoReadError : public IoError {
 public:
  /// The kind follows `sys_errno` (Corruption without one).
  explicit IoReadError(const std::string& message, int sys_errno = 0)
      : IoError(message, kind_of_errno(sys_errno, ErrorKind::Corruption), sys_errno) {}
  /// An explicit kind.
  IoReadError(const std::string& message, ErrorKind kind, int sys_errno = 0) : IoError(message, kind, sys_errno) {}
};

}  // namespace crv::io
