#ifndef HALLMARK_COPENSSL_SHIM_H
#define HALLMARK_COPENSSL_SHIM_H
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/err.h>
#include <openssl/sha.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/cms.h>
#include <openssl/ts.h>
#include <openssl/bio.h>

/// OPENSSL_VERSION_NUMBER is a macro Swift cannot import.
static inline unsigned long hallmark_openssl_version_number(void) { return OPENSSL_VERSION_NUMBER; }
#endif
