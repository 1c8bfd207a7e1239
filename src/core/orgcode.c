/* Check digit of local government codes: s = 6d1+5d2+4d3+3d4+2d5, (11 - s mod 11) mod 10. */
#include <string.h>
#include "core/orgcode.h"

int orgcode_check_digit(const char *code5) {
    int s = 0;
    for (int i = 0; i < 5; i++)
        s += (6 - i) * (code5[i] - '0');
    return (11 - s % 11) % 10;
}

bool orgcode_valid(const char *code) {
    if (!code || strlen(code) != 6)
        return false;
    for (int i = 0; i < 6; i++)
        if (code[i] < '0' || code[i] > '9')
            return false;
    return orgcode_check_digit(code) == code[5] - '0';
}
