/* 全国地方公共団体コード: 5 digits plus a check digit (SPEC §2). */
#ifndef KAWARU_CORE_ORGCODE_H
#define KAWARU_CORE_ORGCODE_H
#include <stdbool.h>

/* Check digit for the first five digits of code (which must be digits). */
int orgcode_check_digit(const char *code5);
/* True when code is six ASCII digits whose last digit is the right check digit. */
bool orgcode_valid(const char *code);

#endif
