package dev.streamscore.job.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.IllegalSaslStateException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The reasons for the exception chains Kafka's clients throw (the ITCase sees them from a real broker). */
class AuthenticationFailuresTest {

    @Test
    void saslFailuresGiveTheBrokersMessage() {
        Exception e = new ExecutionException(new SaslAuthenticationException("Authentication failed: invalid credentials"));
        assertEquals(Optional.of("SASL authentication failed: Authentication failed: invalid credentials"), AuthenticationFailures.reason(e));
    }

    @Test
    void tlsFailuresGiveTheHandshakeExceptionsMessageOnOneLine() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed:\n  unable to find valid certification path");
        handshake.initCause(new IllegalStateException("deeper detail"));
        Exception e = new KafkaException("send failed", new SslAuthenticationException("SSL handshake failed", handshake));
        assertEquals(Optional.of("TLS handshake failed: PKIX path building failed: unable to find valid certification path"),
                AuthenticationFailures.reason(e));
    }

    @Test
    void otherAuthenticationFailuresAndOtherFailures() {
        assertEquals(Optional.of("authentication failed: unexpected handshake request"),
                AuthenticationFailures.reason(new IllegalSaslStateException("unexpected handshake request")));
        assertEquals(Optional.empty(), AuthenticationFailures.reason(new ExecutionException(new TimeoutException("metadata"))));
        assertEquals(Optional.empty(), AuthenticationFailures.reason(new IllegalStateException()));
    }
}
