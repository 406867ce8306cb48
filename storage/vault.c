/* vault.c — libsodium behind one door: seal, feed AEAD, key wrapping. */
#include "vault.h"

#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

/* Domain-separation strings, part of the associated data; never change. */
static const char wrap_ad_tag[] = "treehole/opkey/v1";
static const char feed_ad_tag[] = "treehole/feed/v1";
static const char sign_seed_tag[] = "treehole/sign-seed/v1";
static const char sign_msg_tag[] = "treehole/approved/v1";

vault_kdf vault_kdf_interactive(void)
{
	return (vault_kdf){crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

vault_kdf vault_kdf_moderate(void)
{
	return (vault_kdf){crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

vault_kdf vault_kdf_sensitive(void)
{
	return (vault_kdf){crypto_pwhash_OPSLIMIT_SENSITIVE, crypto_pwhash_MEMLIMIT_SENSITIVE};
}

vault_kdf vault_kdf_test_only(void)
{
	return (vault_kdf){crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

bool vault_kdf_valid(vault_kdf k)
{
	return k.opslimit >= crypto_pwhash_OPSLIMIT_MIN && k.opslimit <= crypto_pwhash_OPSLIMIT_MAX &&
	       k.memlimit >= crypto_pwhash_MEMLIMIT_MIN && k.memlimit <= crypto_pwhash_MEMLIMIT_MAX;
}

status vault_init(void)
{
	return sodium_init() < 0 ? STATUS_CRYPTO : STATUS_OK;
}

bool vault_harden_process(void)
{
	struct rlimit none = {0, 0};
	bool ok = setrlimit(RLIMIT_CORE, &none) == 0;
	/* Not dumpable: no core file even if a limit is raised later, and no
	 * ptrace attach by other processes of the same user. */
	ok = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 && ok;
	return ok;
}

void *vault_alloc(size_t n)
{
	return sodium_malloc(n);
}

void vault_free(void *p)
{
	if (p)
		sodium_free(p);
}

void vault_wipe(void *p, size_t len)
{
	sodium_memzero(p, len);
}

status vault_sign_keypair(const uint8_t *box_sk, uint8_t sign_pk[VAULT_SIGN_PK_BYTES],
                          uint8_t *sign_sk_secret)
{
	uint8_t *seed = vault_alloc(crypto_sign_SEEDBYTES);
	if (!seed)
		return STATUS_NO_MEMORY;
	/* keyed BLAKE2b: a seed nobody derives without the box secret key */
	crypto_generichash(seed, crypto_sign_SEEDBYTES, (const uint8_t *)sign_seed_tag,
	                   sizeof sign_seed_tag, box_sk, VAULT_SK_BYTES);
	int rc = crypto_sign_seed_keypair(sign_pk, sign_sk_secret, seed);
	vault_free(seed);
	return rc == 0 ? STATUS_OK : STATUS_CRYPTO;
}

static void put_le32(crypto_generichash_state *h, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
	crypto_generichash_update(h, b, sizeof b);
}

void vault_feed_digest(const note_id *id, uint32_t epoch, int32_t day, int mood, int kind,
                       const uint8_t *ct, size_t len, uint8_t digest[VAULT_DIGEST_BYTES])
{
	crypto_generichash_state h;

	crypto_generichash_init(&h, NULL, 0, VAULT_DIGEST_BYTES);
	crypto_generichash_update(&h, (const uint8_t *)sign_msg_tag, sizeof sign_msg_tag);
	crypto_generichash_update(&h, id->b, NOTE_ID_BYTES);
	put_le32(&h, epoch);
	put_le32(&h, (uint32_t)day);
	put_le32(&h, (uint32_t)mood);
	put_le32(&h, (uint32_t)kind);
	crypto_generichash_update(&h, ct, len);
	crypto_generichash_final(&h, digest, VAULT_DIGEST_BYTES);
}

void vault_sign(const uint8_t *sign_sk, const uint8_t digest[VAULT_DIGEST_BYTES],
                uint8_t sig[VAULT_SIG_BYTES])
{
	crypto_sign_detached(sig, NULL, digest, VAULT_DIGEST_BYTES, sign_sk);
}

status vault_verify(const uint8_t sign_pk[VAULT_SIGN_PK_BYTES],
                    const uint8_t digest[VAULT_DIGEST_BYTES], const uint8_t *sig, size_t sig_len)
{
	if (!sig || sig_len != VAULT_SIG_BYTES)
		return STATUS_DAMAGED_NOTE;
	return crypto_sign_verify_detached(sig, digest, VAULT_DIGEST_BYTES, sign_pk) == 0
	               ? STATUS_OK
	               : STATUS_DAMAGED_NOTE;
}

void vault_fingerprint(const uint8_t pk[VAULT_PK_BYTES], const uint8_t sign_pk[VAULT_SIGN_PK_BYTES],
                       char out[17])
{
	crypto_generichash_state h;
	uint8_t d[8];

	crypto_generichash_init(&h, NULL, 0, sizeof d);
	crypto_generichash_update(&h, pk, VAULT_PK_BYTES);
	crypto_generichash_update(&h, sign_pk, VAULT_SIGN_PK_BYTES);
	crypto_generichash_final(&h, d, sizeof d);
	sodium_bin2hex(out, 17, d, sizeof d);
}

void vault_random(void *buf, size_t len)
{
	randombytes_buf(buf, len);
}

status vault_keypair(uint8_t pk[VAULT_PK_BYTES], uint8_t *sk_secret)
{
	return crypto_box_keypair(pk, sk_secret) == 0 ? STATUS_OK : STATUS_CRYPTO;
}


/* Argon2id of the passphrase into a vault_alloc()ed key, or NULL. */
static uint8_t *derive_key(const char *pass, size_t pass_len, vault_kdf kdf,
                           const uint8_t salt[VAULT_SALT_BYTES], status *st)
{
	uint8_t *key = vault_alloc(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

	*st = STATUS_NO_MEMORY;
	if (!key)
		return NULL;
	*st = STATUS_CRYPTO;
	if (!vault_kdf_valid(kdf) ||
	    crypto_pwhash(key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, pass, pass_len, salt,
	                  kdf.opslimit, kdf.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		vault_free(key);
		return NULL;
	}
	*st = STATUS_OK;
	return key;
}

status vault_wrap_key(const char *pass, size_t pass_len, vault_kdf kdf,
                      const uint8_t pk[VAULT_PK_BYTES], const uint8_t *sk,
                      uint8_t salt[VAULT_SALT_BYTES], uint8_t wrapped[VAULT_WRAPPED_BYTES])
{
	status st;

	(void)pk;
	randombytes_buf(salt, VAULT_SALT_BYTES);
	uint8_t *key = derive_key(pass, pass_len, kdf, salt, &st);
	if (!key)
		return st;
	randombytes_buf(wrapped, VAULT_WRAP_NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(wrapped + VAULT_WRAP_NONCE_BYTES, NULL, sk,
	                                           VAULT_SK_BYTES, (const uint8_t *)wrap_ad_tag,
	                                           sizeof wrap_ad_tag, NULL, wrapped, key);
	vault_free(key);
	return STATUS_OK;
}

status vault_unwrap_key(const char *pass, size_t pass_len, vault_kdf kdf,
                        const uint8_t pk[VAULT_PK_BYTES], const uint8_t salt[VAULT_SALT_BYTES],
                        const uint8_t wrapped[VAULT_WRAPPED_BYTES], uint8_t *sk_secret)
{
	uint8_t derived_pk[VAULT_PK_BYTES];
	status st;

	uint8_t *key = derive_key(pass, pass_len, kdf, salt, &st);
	if (!key)
		return st;
	int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
		sk_secret, NULL, NULL, wrapped + VAULT_WRAP_NONCE_BYTES,
		VAULT_WRAPPED_BYTES - VAULT_WRAP_NONCE_BYTES, (const uint8_t *)wrap_ad_tag,
		sizeof wrap_ad_tag, wrapped, key);
	vault_free(key);
	if (rc != 0)
		return STATUS_WRONG_PASSPHRASE;
	/* The pk beside the wrapped key is what the kiosk seals to; it must be
	 * this secret key's, or someone swapped in their own. */
	if (crypto_scalarmult_base(derived_pk, sk_secret) != 0 ||
	    sodium_memcmp(derived_pk, pk, VAULT_PK_BYTES) != 0)
		return STATUS_KEY_REPLACED;
	return STATUS_OK;
}

status vault_seal(const uint8_t pk[VAULT_PK_BYTES], const uint8_t *msg, size_t len, uint8_t *out)
{
	return crypto_box_seal(out, msg, len, pk) == 0 ? STATUS_OK : STATUS_CRYPTO;
}

status vault_open(const uint8_t pk[VAULT_PK_BYTES], const uint8_t *sk, const uint8_t *box,
                  size_t len, uint8_t *out)
{
	if (len < VAULT_SEAL_OVERHEAD)
		return STATUS_DAMAGED_NOTE;
	return crypto_box_seal_open(out, box, len, pk, sk) == 0 ? STATUS_OK : STATUS_DAMAGED_NOTE;
}

/* Associated data for feed ciphertexts: tag || id || epoch (u32 LE). */
#define FEED_AD_BYTES (sizeof feed_ad_tag + NOTE_ID_BYTES + 4)
static void feed_ad(const note_id *id, uint32_t epoch, uint8_t ad[FEED_AD_BYTES])
{
	uint8_t *p = ad;
	memcpy(p, feed_ad_tag, sizeof feed_ad_tag);
	p += sizeof feed_ad_tag;
	memcpy(p, id->b, NOTE_ID_BYTES);
	p += NOTE_ID_BYTES;
	p[0] = (uint8_t)epoch, p[1] = (uint8_t)(epoch >> 8), p[2] = (uint8_t)(epoch >> 16),
	p[3] = (uint8_t)(epoch >> 24);
}

status vault_feed_encrypt(const uint8_t key[VAULT_FEED_KEY_BYTES], uint32_t epoch,
                          const note_id *id, const uint8_t *msg, size_t len, uint8_t *out)
{
	uint8_t ad[FEED_AD_BYTES];

	feed_ad(id, epoch, ad);
	randombytes_buf(out, VAULT_FEED_NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + VAULT_FEED_NONCE_BYTES, NULL, msg, len, ad,
	                                           sizeof ad, NULL, out, key);
	return STATUS_OK;
}

status vault_feed_decrypt(const uint8_t key[VAULT_FEED_KEY_BYTES], uint32_t epoch,
                          const note_id *id, const uint8_t *ct, size_t len, uint8_t *out)
{
	uint8_t ad[FEED_AD_BYTES];

	if (len < VAULT_FEED_OVERHEAD)
		return STATUS_DAMAGED_NOTE;
	feed_ad(id, epoch, ad);
	int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(out, NULL, NULL, ct + VAULT_FEED_NONCE_BYTES,
	                                                    len - VAULT_FEED_NONCE_BYTES, ad, sizeof ad,
	                                                    ct, key);
	return rc == 0 ? STATUS_OK : STATUS_DAMAGED_NOTE;
}
