/* The client's address behind a trusted reverse proxy (src/server/proxy.c). */
#include "testutil.h"
#include "server/proxy.h"

static void test_trusted_peer_gives_last_forwarded(void **state) {
    char err[128], dst[PROXY_ADDR_LEN];
    assert_int_equal(proxy_trust("127.0.0.1, ::1", err, sizeof err), 0);
    assert_string_equal(proxy_client("127.0.0.1", "198.51.100.7", dst), "198.51.100.7");
    /* the entry the proxy added is the last; what the client wrote before it is not believed */
    assert_string_equal(proxy_client("127.0.0.1", "10.9.9.9, 203.0.113.5", dst), "203.0.113.5");
    assert_string_equal(proxy_client("::1", " 2001:DB8::1 ", dst), "2001:db8::1");
    /* not an address: the peer's */
    assert_string_equal(proxy_client("127.0.0.1", "203.0.113.5, evil", dst), "127.0.0.1");
    assert_string_equal(proxy_client("127.0.0.1", "", dst), "127.0.0.1");
    assert_string_equal(proxy_client("127.0.0.1", NULL, dst), "127.0.0.1");
}

static void test_other_peers_header_ignored(void **state) {
    char err[128], dst[PROXY_ADDR_LEN];
    assert_int_equal(proxy_trust("127.0.0.1", err, sizeof err), 0);
    assert_string_equal(proxy_client("127.0.0.2", "198.51.100.7", dst), "127.0.0.2");
    assert_int_equal(proxy_trust(NULL, err, sizeof err), 0);        /* none trusted */
    assert_string_equal(proxy_client("127.0.0.1", "198.51.100.7", dst), "127.0.0.1");
}

static void test_bad_list_refused(void **state) {
    char err[128], dst[PROXY_ADDR_LEN];
    assert_int_equal(proxy_trust("127.0.0.1,localhost", err, sizeof err), -1);
    assert_non_null(strstr(err, "\"localhost\" is not an IPv4 or IPv6 address"));
    /* nothing of a refused list is trusted */
    assert_string_equal(proxy_client("127.0.0.1", "198.51.100.7", dst), "127.0.0.1");
    assert_int_equal(proxy_trust("127.0.0.1,", err, sizeof err), 0);  /* a trailing comma is no entry */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trusted_peer_gives_last_forwarded),
        cmocka_unit_test(test_other_peers_header_ignored),
        cmocka_unit_test(test_bad_list_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
