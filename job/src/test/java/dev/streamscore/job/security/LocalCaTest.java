package dev.streamscore.job.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

class LocalCaTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void theCaIsSelfSignedAndMaySignOnlyEndEntities() throws Exception {
        LocalCa ca = LocalCa.create("test CA", RANDOM);
        X509Certificate c = ca.certificate();
        assertEquals("CN=test CA", c.getSubjectX500Principal().getName());
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
        c.verify(ca.publicKey());
        assertEquals(0, c.getBasicConstraints(), "a CA with path length 0");
        assertTrue(c.getKeyUsage()[5], "keyCertSign");
        assertValidFor(c, LocalCa.VALIDITY);
    }

    @Test
    void theServerCertificateIsSignedByTheCaForLoopbackTlsServersAndClients() throws Exception {
        LocalCa ca = LocalCa.create("test CA", RANDOM);
        LocalCa.Issued server = ca.issueLoopbackServer();
        X509Certificate s = server.certificate();
        assertArrayEquals(new X509Certificate[] {s, ca.certificate()}, server.chain());
        assertEquals("CN=localhost", s.getSubjectX500Principal().getName());
        assertEquals(ca.certificate().getSubjectX500Principal(), s.getIssuerX500Principal());
        s.verify(ca.publicKey());
        assertEquals(-1, s.getBasicConstraints(), "not a CA");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), s.getExtendedKeyUsage(), "serverAuth and clientAuth");
        Set<List<?>> sans = new HashSet<>(s.getSubjectAlternativeNames());
        assertEquals(Set.of(List.of(7, "127.0.0.1"), List.of(2, "localhost")), sans);
        assertNotEquals(ca.certificate().getSerialNumber(), s.getSerialNumber());
        assertValidFor(s, LocalCa.VALIDITY);
        LocalCa other = LocalCa.create("other CA", RANDOM);
        assertThrows(SignatureException.class, () -> s.verify(other.publicKey()));
    }

    @Test
    void aTlsClientVerifyingTheHostAcceptsTheServerOnlyWithTheRightCa() throws Exception {
        LocalCa ca = LocalCa.create("test CA", RANDOM);
        LocalCa.Issued server = ca.issueLoopbackServer();
        assertNull(handshake(server, ca.certificate()), "handshake with the issuing CA");
        assertInstanceOf(SSLHandshakeException.class, handshake(server, LocalCa.create("other CA", RANDOM).certificate()));
    }

    /** A TLS handshake on 127.0.0.1 with HTTPS host name verification; null on success, else the client's exception. */
    private static Exception handshake(LocalCa.Issued server, X509Certificate trusted) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", server.key(), password, server.chain());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(42);
                } catch (Exception e) {
                    // the client's failure is what the test looks at
                }
            });
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory().createSocket()) {
                SSLParameters params = client.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(params);
                client.connect(new InetSocketAddress(loopback, listener.getLocalPort()), 10_000);
                client.setSoTimeout(10_000);
                try (InputStream in = client.getInputStream()) {
                    assertEquals(42, in.read());
                }
                return null;
            } catch (SSLHandshakeException e) {
                return e;
            } finally {
                accepted.get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void assertValidFor(X509Certificate c, Duration validity) throws Exception {
        c.checkValidity();
        Instant notAfter = c.getNotAfter().toInstant();
        Duration left = Duration.between(Instant.now(), notAfter);
        assertTrue(left.compareTo(validity.minusMinutes(5)) > 0 && left.compareTo(validity) <= 0, left::toString);
        assertTrue(c.getNotBefore().toInstant().isBefore(Instant.now()));
    }
}
