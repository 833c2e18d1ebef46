package io.mallbots.core.config;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * TLS of the gRPC calls a service makes to the others: which authorities it trusts and, for mTLS,
 * the certificate it shows.
 *
 * @param enabled {@code GRPC_CLIENT_TLS_ENABLED}
 * @param caFile {@code GRPC_CLIENT_CA_FILE}: PEM authorities trusted for the servers' certificates
 * @param certFile {@code GRPC_CLIENT_CERT_FILE}: the client's PEM certificate (only for mTLS)
 * @param keyFile {@code GRPC_CLIENT_KEY_FILE}: its PEM private key
 */
public record ClientTls(boolean enabled, String caFile, String certFile, String keyFile) {

  public static final ClientTls OFF = new ClientTls(false, null, null, null);

  static ClientTls from(Settings settings) {
    if (!settings.bool("GRPC_CLIENT_TLS_ENABLED", false)) {
      return OFF;
    }
    String certFile = settings.string("GRPC_CLIENT_CERT_FILE", null);
    String keyFile = settings.string("GRPC_CLIENT_KEY_FILE", null);
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException(
          "GRPC_CLIENT_CERT_FILE and GRPC_CLIENT_KEY_FILE go together");
    }
    return new ClientTls(true, settings.string("GRPC_CLIENT_CA_FILE", null), certFile, keyFile);
  }

  /**
   * HTTP/2 over TLS (ALPN) with these files; the server's name is verified against its certificate.
   */
  public HttpClientOptions httpClientOptions() {
    HttpClientOptions options =
        new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2)
            .setSsl(true)
            .setUseAlpn(true)
            .setVerifyHost(true);
    if (caFile != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(caFile));
    }
    if (certFile != null) {
      options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(certFile).setKeyPath(keyFile));
    }
    return options;
  }
}
