package dev.streamscore.job.security;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for a local broker: a self-signed CA certificate and one
 * server certificate it signs for this machine's loopback address (SANs {@code IP:127.0.0.1} and
 * {@code DNS:localhost}), so that clients verifying the host name (Kafka's default
 * {@code ssl.endpoint.identification.algorithm=https}) accept {@code 127.0.0.1:PORT}.
 *
 * <p>Keys are EC P-256, signatures SHA256withECDSA, made with the JDK's own providers (Bouncy
 * Castle only assembles the certificates; no provider is registered). The CA may only sign end
 * entities (path length 0). The server certificate is also a TLS client certificate: the broker
 * presents it when it connects to its own controller listener, which requires one (mutual TLS).
 */
public final class LocalCa {
    /** Validity of both certificates: a local development CA, not rotated. */
    public static final Duration VALIDITY = Duration.ofDays(3650);
    /** Backdating of {@code notBefore}, so that a clock a little behind still accepts a new certificate. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final SecureRandom random;

    private LocalCa(KeyPair caKeys, X509Certificate caCertificate, SecureRandom random) {
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
        this.random = random;
    }

    /** A server's key and its certificate chain (the server certificate first, then the CA's). */
    public record Issued(PrivateKey key, X509Certificate[] chain) {
        public X509Certificate certificate() {
            return chain[0];
        }
    }

    /** A new CA named {@code CN=<commonName>}, with a new key pair. */
    public static LocalCa create(String commonName, SecureRandom random) throws GeneralSecurityException {
        KeyPair keys = newKeyPair(random);
        X500Name name = new X500Name(String.format("CN=%s", commonName));
        Instant now = Instant.now();
        JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(random),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException e) {
            throw new GeneralSecurityException(String.format("cannot build the CA certificate: %s", e.getMessage()), e);
        }
        return new LocalCa(keys, sign(b, keys.getPrivate()), random);
    }

    /** The CA's certificate (what clients trust). */
    public X509Certificate certificate() {
        return caCertificate;
    }

    /**
     * Issues a certificate {@code CN=localhost} for {@code IP:127.0.0.1} and {@code DNS:localhost},
     * for TLS servers and clients, with a new key pair.
     */
    public Issued issueLoopbackServer() throws GeneralSecurityException {
        KeyPair keys = newKeyPair(random);
        Instant now = Instant.now();
        JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCertificate, serial(random),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), new X500Name("CN=localhost"),
                keys.getPublic());
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
            b.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ids.createAuthorityKeyIdentifier(caCertificate));
        } catch (CertIOException e) {
            throw new GeneralSecurityException(String.format("cannot build the server certificate: %s", e.getMessage()), e);
        }
        X509Certificate server = sign(b, caKeys.getPrivate());
        return new Issued(keys.getPrivate(), new X509Certificate[] {server, caCertificate});
    }

    /** The CA's public key (to verify what it signed). */
    public PublicKey publicKey() {
        return caKeys.getPublic();
    }

    private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        return g.generateKeyPair();
    }

    /** A random positive serial number of 127 bits (RFC 5280 allows up to 20 octets). */
    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).setBit(0);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            ContentSigner s = new JcaContentSignerBuilder(SIGNATURE).build(signer);
            return new JcaX509CertificateConverter().getCertificate(builder.build(s));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(String.format("cannot sign with %s: %s", SIGNATURE, e.getMessage()), e);
        }
    }
}
