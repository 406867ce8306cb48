/* vault.h — every use of libsodium: sealing, the feed AEAD, the wrapped
 * operator key, secret memory and process hardening.
 *
 * Secrets returned by this module live in sodium_malloc() memory (guard
 * pages, mlock, wiped on free) and must be released with vault_free(). */
#ifndef TREEHOLE_VAULT_H
#define TREEHOLE_VAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "note.h"
#include "status.h"

#define VAULT_PK_BYTES crypto_box_PUBLICKEYBYTES
#define VAULT_SK_BYTES crypto_box_SECRETKEYBYTES
#define VAULT_SEAL_OVERHEAD crypto_box_SEALBYTES
#define VAULT_FEED_KEY_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define VAULT_FEED_NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
/* A feed ciphertext is nonce || AEAD(ct || tag). */
#define VAULT_FEED_OVERHEAD (VAULT_FEED_NONCE_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define VAULT_SALT_BYTES crypto_pwhash_SALTBYTES
#define VAULT_WRAP_NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define VAULT_WRAPPED_BYTES (VAULT_WRAP_NONCE_BYTES + VAULT_SK_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)

#define VAULT_SIGN_PK_BYTES crypto_sign_PUBLICKEYBYTES
#define VAULT_SIGN_SK_BYTES crypto_sign_SECRETKEYBYTES
#define VAULT_SIG_BYTES crypto_sign_BYTES

/* Argon2id cost, stored beside the wrapped key so it can be raised later. */
typedef struct vault_kdf {
	unsigned long long opslimit;
	size_t memlimit;
} vault_kdf;

/* Named presets: libsodium's INTERACTIVE (2 / 64 MiB), MODERATE (3 /
 * 256 MiB, the default) and SENSITIVE (4 / 1 GiB). */
vault_kdf vault_kdf_interactive(void);
vault_kdf vault_kdf_moderate(void);
vault_kdf vault_kdf_sensitive(void);
/* The cheapest libsodium accepts — for unit tests only, never for a store
 * that holds real notes. */
vault_kdf vault_kdf_test_only(void);
/* True if the limits are within what libsodium's Argon2id accepts. */
bool vault_kdf_valid(vault_kdf k);

/* Initialises libsodium once per process. Returns STATUS_CRYPTO on failure. */
status vault_init(void);

/* Turns off core dumps and ptrace-attach for this process, so keys held in
 * memory do not end up on disk. Call first thing in every program that may
 * hold a key. Returns false (and changes what it could) if the OS refused. */
bool vault_harden_process(void);

/* sodium_malloc / sodium_free wrappers: guarded, locked, wiped memory.
 * vault_alloc returns NULL on failure; vault_free accepts NULL. */
void *vault_alloc(size_t n);
void vault_free(void *p);

/* The operator key pair. The secret half is written into `sk_secret`,
 * which must be vault_alloc()ed memory of VAULT_SK_BYTES. */
status vault_keypair(uint8_t pk[VAULT_PK_BYTES], uint8_t *sk_secret);

/* Wraps `sk` under a key derived from the passphrase with Argon2id and a
 * fresh salt. OUT: salt and wrapped (nonce || ciphertext). `pk` is unused
 * here; vault_unwrap_key checks the pair instead, so a swapped pk is told
 * apart from a wrong passphrase. */
status vault_wrap_key(const char *pass, size_t pass_len, vault_kdf kdf,
                      const uint8_t pk[VAULT_PK_BYTES], const uint8_t *sk,
                      uint8_t salt[VAULT_SALT_BYTES], uint8_t wrapped[VAULT_WRAPPED_BYTES]);

/* Reverses vault_wrap_key into `sk_secret` (vault_alloc()ed, VAULT_SK_BYTES).
 * Returns STATUS_WRONG_PASSPHRASE if authentication fails,
 * STATUS_KEY_REPLACED if `pk` is not the public half of the unwrapped key,
 * STATUS_CRYPTO if the derivation itself failed (e.g. not enough memory). */
status vault_unwrap_key(const char *pass, size_t pass_len, vault_kdf kdf,
                        const uint8_t pk[VAULT_PK_BYTES], const uint8_t salt[VAULT_SALT_BYTES],
                        const uint8_t wrapped[VAULT_WRAPPED_BYTES], uint8_t *sk_secret);

/* Seals `len` bytes to `pk` (crypto_box_seal). `out` must hold
 * len + VAULT_SEAL_OVERHEAD bytes. Anyone can seal; only the sk opens. */
status vault_seal(const uint8_t pk[VAULT_PK_BYTES], const uint8_t *msg, size_t len, uint8_t *out);

/* Opens a sealed box of `len` bytes into `out` (len - VAULT_SEAL_OVERHEAD
 * bytes). Returns STATUS_DAMAGED_NOTE if it does not authenticate. */
status vault_open(const uint8_t pk[VAULT_PK_BYTES], const uint8_t *sk, const uint8_t *box,
                  size_t len, uint8_t *out);

/* Encrypts for the feed with XChaCha20-Poly1305 (IETF) and a random nonce;
 * the associated data binds the note id and the key epoch. `out` must hold
 * len + VAULT_FEED_OVERHEAD bytes. */
status vault_feed_encrypt(const uint8_t key[VAULT_FEED_KEY_BYTES], uint32_t epoch,
                          const note_id *id, const uint8_t *msg, size_t len, uint8_t *out);

/* Decrypts a feed ciphertext of `len` bytes into `out` (len -
 * VAULT_FEED_OVERHEAD bytes). STATUS_DAMAGED_NOTE if it does not
 * authenticate under this id and epoch. */
status vault_feed_decrypt(const uint8_t key[VAULT_FEED_KEY_BYTES], uint32_t epoch,
                          const note_id *id, const uint8_t *ct, size_t len, uint8_t *out);

/* Zeroes `len` bytes in a way the compiler cannot optimise away. */
void vault_wipe(void *p, size_t len);

/* The operator's Ed25519 signing key pair, derived from the box secret
 * key, so one passphrase-wrapped secret serves both. `sign_sk_secret` must
 * be vault_alloc()ed memory of VAULT_SIGN_SK_BYTES. */
status vault_sign_keypair(const uint8_t *box_sk, uint8_t sign_pk[VAULT_SIGN_PK_BYTES],
                          uint8_t *sign_sk_secret);

/* What an approval signs: the note's id, epoch, day, mood, kind and feed
 * ciphertext, hashed into `digest` (BLAKE2b-256, domain-separated). */
#define VAULT_DIGEST_BYTES 32
void vault_feed_digest(const note_id *id, uint32_t epoch, int32_t day, int mood, int kind,
                       const uint8_t *ct, size_t len, uint8_t digest[VAULT_DIGEST_BYTES]);

/* Detached Ed25519 signature of a digest. */
void vault_sign(const uint8_t *sign_sk, const uint8_t digest[VAULT_DIGEST_BYTES],
                uint8_t sig[VAULT_SIG_BYTES]);

/* STATUS_OK if `sig` is the operator's signature of `digest`, else
 * STATUS_DAMAGED_NOTE. */
status vault_verify(const uint8_t sign_pk[VAULT_SIGN_PK_BYTES],
                    const uint8_t digest[VAULT_DIGEST_BYTES], const uint8_t *sig, size_t sig_len);

/* 16 hex digits of BLAKE2b(pk || sign_pk), plus NUL: a fingerprint of the
 * operator's public keys for people to compare and kiosks to pin. */
void vault_fingerprint(const uint8_t pk[VAULT_PK_BYTES], const uint8_t sign_pk[VAULT_SIGN_PK_BYTES],
                       char out[17]);

/* Fills `buf` with cryptographically random bytes. */
void vault_random(void *buf, size_t len);

#endif
