package dev.streamscore.job.security;

import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * The one-line reason of a Kafka client failure that is an authentication failure. Kafka's clients
 * treat those as fatal (no retry): a wrong SCRAM password fails a send, a poll or an admin call
 * with {@link SaslAuthenticationException} within a second, a trust store without the broker's CA
 * with {@link SslAuthenticationException} ("SSL handshake failed", the useful part being its
 * cause, the JDK's {@code SSLHandshakeException}, whose message carries the detail). Reporting that reason, instead of waiting for a timeout, is what makes such a failure
 * fast and clear.
 */
public final class AuthenticationFailures {
    private AuthenticationFailures() {}

    /**
     * The reason when {@code failure} or one of its causes is an {@link AuthenticationException}:
     * {@code SASL authentication failed: <broker's message>}, {@code TLS handshake failed: <the
     * handshake exception's message>} or {@code authentication failed: <message>}; empty for any other failure.
     */
    public static Optional<String> reason(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof SaslAuthenticationException) {
                return Optional.of(String.format("SASL authentication failed: %s", oneLine(c)));
            }
            if (c instanceof SslAuthenticationException) {
                return Optional.of(String.format("TLS handshake failed: %s", oneLine(c.getCause() == null ? c : c.getCause())));
            }
            if (c instanceof AuthenticationException) {
                return Optional.of(String.format("authentication failed: %s", oneLine(c)));
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return Optional.empty();
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
