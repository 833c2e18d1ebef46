package io.mallbots.core.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * PEM certificates made for a test run: the mall's authority, a certificate for the services
 * (server and client, valid for 127.0.0.1 and localhost), one for a partner shop, and a stranger's
 * signed by another authority. Written to a fresh temporary directory.
 */
public record TestCertificates(Path authority, Pair services, Pair partner, Pair stranger) {

  /** A certificate and its private key, as PEM files. */
  public record Pair(Path certificate, Path key) {}

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  public static TestCertificates generate() {
    try {
      Path dir = Files.createTempDirectory("mallbots-certs");
      KeyPair mallKeys = keys();
      X509Certificate mall = authority("MallBots Test CA", mallKeys);
      KeyPair otherKeys = keys();
      X509Certificate other = authority("Someone Else's CA", otherKeys);
      Path authority = write(dir.resolve("ca.pem"), "CERTIFICATE", mall.getEncoded());
      return new TestCertificates(
          authority,
          leaf(dir, "services", mall, mallKeys),
          leaf(dir, "partner", mall, mallKeys),
          leaf(dir, "stranger", other, otherKeys));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make test certificates", e);
    }
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate authority(String name, KeyPair keys)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    X500Name subject = new X500Name("CN=" + name);
    X509v3CertificateBuilder builder =
        builder(subject, subject, keys)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return sign(builder, keys);
  }

  private static Pair leaf(Path dir, String name, X509Certificate issuer, KeyPair issuerKeys)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    KeyPair keys = keys();
    X509v3CertificateBuilder builder =
        builder(
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                new X500Name("CN=" + name),
                keys)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
            .addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(
                    new KeyPurposeId[] {
                      KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                    }))
            .addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(
                    new GeneralName[] {
                      new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                      new GeneralName(GeneralName.dNSName, "localhost")
                    }));
    X509Certificate certificate = sign(builder, issuerKeys);
    return new Pair(
        write(dir.resolve(name + ".pem"), "CERTIFICATE", certificate.getEncoded()),
        write(dir.resolve(name + "-key.pem"), "PRIVATE KEY", keys.getPrivate().getEncoded()));
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
  }

  private static Path write(Path file, String type, byte[] der) throws IOException {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
  }
}
