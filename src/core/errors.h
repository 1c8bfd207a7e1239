/* Error codes shared by every layer: functions return 0 or a negative KW_E* value. */
#ifndef KAWARU_CORE_ERRORS_H
#define KAWARU_CORE_ERRORS_H

enum {
    KW_OK = 0,
    KW_EINVAL = -1,      /* bad input: 400/422, exit 2 */
    KW_ENOTFOUND = -2,   /* 404 */
    KW_ECONFLICT = -3,   /* 409 */
    KW_EPERM = -4,       /* 403 */
    KW_EDB = -5,         /* storage failure: 500 */
    KW_ETOOBIG = -6,     /* 413 */
    KW_EIO = -7,         /* file system */
    KW_EBUSY = -8,       /* busy, try again in a moment: 503 with Retry-After */
};

const char *kw_strerror(int err);

#endif
