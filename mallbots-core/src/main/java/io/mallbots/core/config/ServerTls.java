package io.mallbots.core.config;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.Locale;

/**
 * TLS of a service's gRPC port and JSON bridge, from certificate files, under the original MallBots
 * variable names. With {@code clientAuth} {@code require}, only callers whose certificate {@code
 * caFile} signed get through (partner shops' mTLS).
 *
 * @param enabled {@code GRPC_SERVER_TLS_ENABLED}
 * @param certFile {@code GRPC_SERVER_CERT_FILE}: the server's PEM certificate chain
 * @param keyFile {@code GRPC_SERVER_KEY_FILE}: its PEM private key
 * @param caFile {@code GRPC_SERVER_CA_FILE}: PEM authorities trusted for client certificates
 * @param clientAuth {@code GRPC_SERVER_CLIENT_AUTH_TYPE}: none, request or require
 */
public record ServerTls(
    boolean enabled, String certFile, String keyFile, String caFile, ClientAuth clientAuth) {

  public static final ServerTls OFF = new ServerTls(false, null, null, null, ClientAuth.NONE);

  static ServerTls from(Settings settings) {
    if (!settings.bool("GRPC_SERVER_TLS_ENABLED", false)) {
      return OFF;
    }
    ClientAuth clientAuth = clientAuth(settings.string("GRPC_SERVER_CLIENT_AUTH_TYPE", "none"));
    String caFile = settings.string("GRPC_SERVER_CA_FILE", null);
    if (clientAuth != ClientAuth.NONE && caFile == null) {
      throw new IllegalArgumentException(
          "GRPC_SERVER_CLIENT_AUTH_TYPE "
              + clientAuth.name().toLowerCase(Locale.ROOT)
              + " needs GRPC_SERVER_CA_FILE (the authority that signs client certificates)");
    }
    return new ServerTls(
        true,
        settings.required("GRPC_SERVER_CERT_FILE"),
        settings.required("GRPC_SERVER_KEY_FILE"),
        caFile,
        clientAuth);
  }

  /**
   * Accepts none/request/require and the Go names the original used (NoClientCert,
   * RequireAndVerifyClientCert...).
   */
  private static ClientAuth clientAuth(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "none", "noclientcert" -> ClientAuth.NONE;
      case "request", "requestclientcert", "verifyclientcertifgiven" -> ClientAuth.REQUEST;
      case "require", "requireandverifyclientcert" -> ClientAuth.REQUIRED;
      default ->
          throw new IllegalArgumentException(
              "GRPC_SERVER_CLIENT_AUTH_TYPE must be one of none, request, require; got '"
                  + value
                  + "'");
    };
  }

  /** {@code options} with this TLS applied (HTTP/2 negotiated by ALPN, as gRPC requires). */
  public HttpServerOptions applyTo(HttpServerOptions options) {
    if (!enabled) {
      return options;
    }
    options
        .setSsl(true)
        .setUseAlpn(true)
        .setClientAuth(clientAuth)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certFile).setKeyPath(keyFile));
    if (caFile != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(caFile));
    }
    return options;
  }
}
