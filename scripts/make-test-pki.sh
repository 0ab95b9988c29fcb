#!/usr/bin/env bash
# Makes a throwaway PKI for the evidence tests, with the stock openssl command only:
#   ca.pem/.key            trusted test root
#   other-ca.pem/.key      a root the tests do not trust
#   signer.pem/.key        CMS signer issued by ca (valid 2000-2099)
#   expired.pem/.key       CMS signer issued by ca, expired in 2002
#   stranger.pem/.key      CMS signer issued by other-ca
#   tsa.pem/.key           time-stamping authority issued by ca (EKU timeStamping, critical)
#   tsa.cnf                `openssl ts -reply -config tsa.cnf` settings for that TSA
# EC P-256 keys keep it fast. Usage: scripts/make-test-pki.sh DIR (DIR is created).
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"
mkdir -p issued
: > index.txt
echo 1000 > serial
echo 01 > tsaserial

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }

root() { # name subject (self-signed, valid 2000-2099 so that old signatures can be checked)
  key "$1"
  openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
  openssl ca -batch -selfsign -config ca.cnf -keyfile "$1.key" -extensions root \
    -startdate 20000101000000Z -enddate 20991231235959Z -notext -in "$1.csr" -out "$1.pem" \
    2>/dev/null
  rm "$1.csr"
}

cat > ca.cnf <<'CNF'
[ca]
default_ca = test_ca
[test_ca]
dir = .
database = index.txt
new_certs_dir = issued
serial = serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
email_in_dn = no
[any]
commonName = supplied
organizationName = optional
[root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[signer]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

issue() { # name subject extensions issuer start end
  key "$1"
  openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
  openssl ca -batch -config ca.cnf -cert "$4.pem" -keyfile "$4.key" -extensions "$3" \
    -startdate "$5" -enddate "$6" -notext -in "$1.csr" -out "$1.pem" 2>/dev/null
  rm "$1.csr"
}

root ca "/CN=Hallmark Test Root CA/O=Hallmark Tests"
root other-ca "/CN=Unrelated Root CA/O=Elsewhere"
issue signer "/CN=Hallmark Test Signer/O=Hallmark Tests" signer ca 20000101000000Z 20991231235959Z
issue expired "/CN=Hallmark Expired Signer/O=Hallmark Tests" signer ca 20010101000000Z 20020101000000Z
issue stranger "/CN=Stranger Signer/O=Elsewhere" signer other-ca 20000101000000Z 20991231235959Z
issue tsa "/CN=Hallmark Test TSA/O=Hallmark Tests" tsa ca 20000101000000Z 20991231235959Z

cat > tsa.cnf <<'CNF'
[tsa]
default_tsa = tsa_config
[tsa_config]
dir = .
serial = tsaserial
crypto_device = builtin
signer_cert = tsa.pem
certs = ca.pem
signer_key = tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
