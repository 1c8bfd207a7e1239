/* The parts of a multipart/form-data request body (file uploads). libmicrohttpd's post
 * processor splits the body; it reads the boundary from the Content-Type header of a live
 * connection (MHD_create_post_processor cannot run without one), so reading the parts needs
 * the connection, while looking them up (req_part, req.h) does not. */
#ifndef KAWARU_SERVER_PARTS_H
#define KAWARU_SERVER_PARTS_H
#include <stdbool.h>
#include "http/req.h"

struct MHD_Connection;

/* True when content_type (NULL allowed) names multipart/form-data. */
bool parts_is_multipart(const char *content_type);

/* Splits r->body (r->body_len bytes) into r->parts and r->nparts, all allocated in r->arena:
 * at most REQ_MAX_PARTS parts, each with a name and a file name (NULL when none) that are
 * valid UTF-8, and data of len bytes followed by a NUL. c is the connection the body came on;
 * its Content-Type header gives the boundary. False when the body cannot be read (malformed,
 * a part without a name, a name that is not UTF-8, too many parts, a nested multipart/mixed
 * part); r->parts then holds the parts read so far. */
bool parts_read(struct MHD_Connection *c, struct req *r);

#endif
