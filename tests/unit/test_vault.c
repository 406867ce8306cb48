/* test_vault.c — sealing, the feed AEAD's bindings, key wrapping. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vault.h"

static int init(void **state)
{
	(void)state;
	return vault_init() == STATUS_OK ? 0 : -1;
}

static void test_seal_open(void **state)
{
	(void)state;
	uint8_t pk[VAULT_PK_BYTES], pk2[VAULT_PK_BYTES];
	uint8_t *sk = vault_alloc(VAULT_SK_BYTES), *sk2 = vault_alloc(VAULT_SK_BYTES);
	const uint8_t msg[] = "sealed words";
	uint8_t box[sizeof msg + VAULT_SEAL_OVERHEAD], out[sizeof msg];

	assert_int_equal(vault_keypair(pk, sk), STATUS_OK);
	assert_int_equal(vault_keypair(pk2, sk2), STATUS_OK);
	assert_int_equal(vault_seal(pk, msg, sizeof msg, box), STATUS_OK);
	assert_null(memmem(box, sizeof box, "sealed", 6));
	assert_int_equal(vault_open(pk2, sk2, box, sizeof box, out), STATUS_DAMAGED_NOTE);
	assert_int_equal(vault_open(pk, sk, box, sizeof box, out), STATUS_OK);
	assert_memory_equal(out, msg, sizeof msg);
	box[5] ^= 1;
	assert_int_equal(vault_open(pk, sk, box, sizeof box, out), STATUS_DAMAGED_NOTE);
	assert_int_equal(vault_open(pk, sk, box, 10, out), STATUS_DAMAGED_NOTE);
	vault_free(sk);
	vault_free(sk2);
}

static void test_feed_binds_id_and_epoch(void **state)
{
	(void)state;
	uint8_t key[VAULT_FEED_KEY_BYTES];
	note_id id = {{1, 2, 3}}, other = {{1, 2, 4}};
	const uint8_t msg[] = "approved words";
	uint8_t ct[sizeof msg + VAULT_FEED_OVERHEAD], out[sizeof msg];

	vault_random(key, sizeof key);
	assert_int_equal(vault_feed_encrypt(key, 1, &id, msg, sizeof msg, ct), STATUS_OK);
	assert_int_equal(vault_feed_decrypt(key, 1, &id, ct, sizeof ct, out), STATUS_OK);
	assert_memory_equal(out, msg, sizeof msg);
	assert_int_equal(vault_feed_decrypt(key, 2, &id, ct, sizeof ct, out), STATUS_DAMAGED_NOTE);
	assert_int_equal(vault_feed_decrypt(key, 1, &other, ct, sizeof ct, out), STATUS_DAMAGED_NOTE);
	ct[sizeof ct - 1] ^= 0x80;
	assert_int_equal(vault_feed_decrypt(key, 1, &id, ct, sizeof ct, out), STATUS_DAMAGED_NOTE);
}

static void test_wrap_unwrap(void **state)
{
	(void)state;
	uint8_t pk[VAULT_PK_BYTES], other_pk[VAULT_PK_BYTES], salt[VAULT_SALT_BYTES];
	uint8_t wrapped[VAULT_WRAPPED_BYTES];
	uint8_t *sk = vault_alloc(VAULT_SK_BYTES), *back = vault_alloc(VAULT_SK_BYTES);
	vault_kdf k = vault_kdf_test_only();

	assert_int_equal(vault_keypair(pk, sk), STATUS_OK);
	assert_int_equal(vault_wrap_key("pass", 4, k, pk, sk, salt, wrapped), STATUS_OK);
	assert_null(memmem(wrapped, sizeof wrapped, sk, 8));
	assert_int_equal(vault_unwrap_key("pass", 4, k, pk, salt, wrapped, back), STATUS_OK);
	assert_memory_equal(sk, back, VAULT_SK_BYTES);
	assert_int_equal(vault_unwrap_key("Pass", 4, k, pk, salt, wrapped, back), STATUS_WRONG_PASSPHRASE);
	/* a public key swapped in beside the wrapped key is caught */
	memcpy(other_pk, pk, sizeof pk);
	other_pk[0] ^= 1;
	assert_int_equal(vault_unwrap_key("pass", 4, k, other_pk, salt, wrapped, back),
	                 STATUS_KEY_REPLACED);
	vault_kdf bad = {0, 0};
	assert_false(vault_kdf_valid(bad));
	assert_int_equal(vault_unwrap_key("pass", 4, bad, pk, salt, wrapped, back), STATUS_CRYPTO);
	vault_free(sk);
	vault_free(back);
}

static void test_presets_valid(void **state)
{
	(void)state;
	assert_true(vault_kdf_valid(vault_kdf_interactive()));
	assert_true(vault_kdf_valid(vault_kdf_moderate()));
	assert_true(vault_kdf_valid(vault_kdf_sensitive()));
	assert_true(vault_kdf_valid(vault_kdf_test_only()));
	assert_int_equal(vault_kdf_moderate().memlimit, 256u << 20);
	vault_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seal_open),
		cmocka_unit_test(test_feed_binds_id_and_epoch),
		cmocka_unit_test(test_wrap_unwrap),
		cmocka_unit_test(test_presets_valid),
	};
	return cmocka_run_group_tests_name("vault", tests, init, NULL);
}
