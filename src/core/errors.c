/* Human-readable names for the KW_E* codes. */
#include "core/errors.h"

const char *kw_strerror(int err) {
    switch (err) {
    case KW_OK: return "ok";
    case KW_EINVAL: return "invalid input";
    case KW_ENOTFOUND: return "not found";
    case KW_ECONFLICT: return "conflict";
    case KW_EPERM: return "permission denied";
    case KW_EDB: return "database error";
    case KW_ETOOBIG: return "too large";
    case KW_EIO: return "i/o error";
    case KW_EBUSY: return "busy";
    default: return "unknown error";
    }
}
