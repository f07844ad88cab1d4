package de.servicekonto.eid.server;

import de.servicekonto.eid.server.EidServerException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link EidServer} over SOAP 1.1 and mutual TLS, with the JDK's HTTP client.
 *
 * <p>Each instance owns one HTTP client (and with it a connection pool and threads), so create one per eID-Server
 * configuration and reuse it; instances are thread-safe. TLS is limited to 1.2 and 1.3, the server's certificate must
 * chain to the settings' own trust store (never the JVM's default CAs), its host name is verified, redirects are not
 * followed, and answers larger than {@value #MAX_RESPONSE_BYTES} bytes are cut off.
 */
public final class SoapEidServerClient implements EidServer {

    /** Answers of the eID-Server are a few kilobytes; anything larger is refused. */
    public static final int MAX_RESPONSE_BYTES = BoundedXml.MAX_DOCUMENT_BYTES;

    static final String CONTENT_TYPE = "text/xml; charset=utf-8";
    private static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final String HOSTNAME_CHECK_OFF = "jdk.internal.httpclient.disableHostnameVerification";

    private final EidServerSettings settings;
    private final HttpClient http;

    /**
     * @throws IllegalArgumentException if the client key cannot be used (for instance a wrong key password)
     * @throws IllegalStateException    if the JVM lacks TLS support or has host name verification switched off
     */
    public SoapEidServerClient(EidServerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (hostnameVerificationDisabled()) {
            throw new IllegalStateException("the JVM runs with " + HOSTNAME_CHECK_OFF
                    + "; refusing to talk to the eID-Server without host name verification");
        }
        SSLContext tls = sslContext(settings);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .sslContext(tls)
                .sslParameters(sslParameters(tls))
                .build();
    }

    @Override
    public UseIdResponse useId(UseIdRequest request) throws EidServerException {
        Objects.requireNonNull(request, "request");
        byte[] answer = exchange(SoapMessages.useIdRequest(request), "useID");
        return SoapResponseReader.readUseIdResponse(answer);
    }

    @Override
    public GetResultResponse getResult(String sessionId, int requestCounter) throws EidServerException {
        byte[] message = SoapMessages.getResultRequest(sessionId, requestCounter);
        return SoapResponseReader.readGetResultResponse(exchange(message, "getResult"));
    }

    /** Sends one SOAP request and returns the body of a 200 answer; everything else becomes an exception. */
    private byte[] exchange(byte[] message, String operation) throws EidServerException {
        HttpRequest request = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.requestTimeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message))
                .build();
        BoundedBodyHandler bodyHandler = new BoundedBodyHandler(MAX_RESPONSE_BYTES);
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, bodyHandler);
        HttpResponse<byte[]> response;
        try {
            // The request timeout of the HTTP client ends when the headers arrive; this bounds the body, too.
            response = pending.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            cancel(pending, bodyHandler);
            throw new EidServerException(Reason.UNAVAILABLE, operation + ": eID-Server did not answer within "
                    + settings.requestTimeout(), e);
        } catch (InterruptedException e) {
            cancel(pending, bodyHandler);
            Thread.currentThread().interrupt();
            throw new EidServerException(Reason.UNAVAILABLE, operation + ": interrupted while waiting for the eID-Server",
                    e);
        } catch (ExecutionException e) {
            throw transportFailure(operation, e.getCause());
        }
        return checkStatus(operation, response.statusCode(), response.body());
    }

    private static byte[] checkStatus(String operation, int status, byte[] body) throws EidServerException {
        if (status == 200) {
            return body;
        }
        if (status >= 500 && status < 600) {
            var fault = SoapResponseReader.fault(body);
            if (fault.isPresent()) {
                throw fault.get();
            }
            throw new EidServerException(Reason.UNAVAILABLE, operation + ": eID-Server answered HTTP " + status);
        }
        if (status >= 400 && status < 500) {
            throw new EidServerException(Reason.REFUSED, operation + ": eID-Server answered HTTP " + status);
        }
        throw new EidServerException(Reason.PROTOCOL, operation + ": unexpected HTTP status " + status);
    }

    private static EidServerException transportFailure(String operation, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BoundedBodyHandler.TooLarge) {
                return new EidServerException(Reason.PROTOCOL, operation + ": answer larger than "
                        + MAX_RESPONSE_BYTES + " bytes", failure);
            }
        }
        String what;
        if (failure instanceof HttpConnectTimeoutException) {
            what = "connecting timed out";
        } else if (failure instanceof HttpTimeoutException) {
            what = "no answer in time";
        } else if (failure instanceof ConnectException) {
            what = "connection refused";
        } else if (hasCause(failure, SSLException.class)) {
            what = "TLS failed";
        } else if (failure instanceof IOException) {
            what = "connection failed";
        } else {
            what = "request failed";
        }
        return new EidServerException(Reason.UNAVAILABLE, operation + ": eID-Server not reachable (" + what + ")",
                failure);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static void cancel(CompletableFuture<?> pending, BoundedBodyHandler bodyHandler) {
        pending.cancel(true);
        bodyHandler.abort();
    }

    private static SSLContext sslContext(EidServerSettings settings) {
        char[] password = settings.clientKeyPassword();
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(settings.clientKeys(), password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            // Never init(null): that would be the JVM's default CAs. EidServerSettings guarantees a store of our own.
            trust.init(Objects.requireNonNull(settings.trustStore(), "trustStore"));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("cannot read the client key: wrong key password?", e);
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("cannot use the client key or trust store", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks TLS support", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static SSLParameters sslParameters(SSLContext context) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        String[] protocols = TLS_PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new);
        if (protocols.length == 0) {
            throw new IllegalStateException("the JVM supports neither TLS 1.3 nor TLS 1.2");
        }
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    private static boolean hostnameVerificationDisabled() {
        // Read the way the JDK's HTTP client reads it: present and empty, or "true", switches the check off.
        String value = System.getProperty(HOSTNAME_CHECK_OFF);
        return value != null && (value.isEmpty() || Boolean.parseBoolean(value));
    }

    @Override
    public String toString() {
        return "SoapEidServerClient[" + settings.endpoint() + "]";
    }
}
