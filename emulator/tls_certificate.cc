#include "emulator/tls_certificate.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace cc::emulator {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;

bool addExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

bool writePem(const std::string& path, bool isKey, EVP_PKEY* key, X509* cert) {
  FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) return false;
  const bool ok = isKey ? PEM_write_PrivateKey(file, key, nullptr, nullptr, 0, nullptr, nullptr) == 1
                         : PEM_write_X509(file, cert) == 1;
  return std::fclose(file) == 0 && ok;
}

}  // namespace

std::string ensureSelfSignedCertificate(const std::string& dir, TlsFiles& files) {
  namespace fs = std::filesystem;
  files.cert = fs::absolute(fs::path(dir) / "cert.pem").lexically_normal().string();
  files.key = fs::absolute(fs::path(dir) / "key.pem").lexically_normal().string();
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return "cannot create TLS directory " + dir + ": " + error.message();
  if (fs::exists(files.cert) && fs::exists(files.key)) return "";

  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return "cannot generate a TLS key";
  CertPtr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(std::time(nullptr)));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 365 * 5);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("workspace-emulator"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  // CA:TRUE lets the same file serve as the trust anchor clients load through SSL_CERT_FILE.
  if (!addExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE") ||
      !addExtension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign") ||
      !addExtension(cert.get(), NID_ext_key_usage, "serverAuth") ||
      !addExtension(cert.get(), NID_subject_key_identifier, "hash") ||
      !addExtension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1")) {
    return "cannot build the TLS certificate extensions";
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return "cannot sign the TLS certificate";
  const std::string keyTemp = files.key + ".tmp";
  const std::string certTemp = files.cert + ".tmp";
  if (!writePem(keyTemp, true, key.get(), nullptr) || !writePem(certTemp, false, nullptr, cert.get())) {
    return "cannot write the TLS certificate into " + dir;
  }
  fs::permissions(keyTemp, fs::perms::owner_read | fs::perms::owner_write, error);
  fs::rename(keyTemp, files.key, error);
  if (!error) fs::rename(certTemp, files.cert, error);
  if (error) return "cannot write the TLS certificate into " + dir + ": " + error.message();
  return "";
}

}  // namespace cc::emulator
