package dev.streamscore.job.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Writing generated files: whole or not at all (a temporary file moved over the target), private
 * files readable by their owner only where the file system has POSIX permissions; and their
 * encodings (properties, PEM, PKCS12).
 */
final class SecureFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private SecureFiles() {}

    /** Creates {@code dir} (owner-only when this call creates it); an existing directory is kept as it is. */
    static Path directory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if (Files.exists(dir)) {
            throw new IOException(String.format("%s exists and is not a directory", dir));
        }
        Files.createDirectories(dir);
        if (POSIX) {
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        }
        return dir;
    }

    /** Replaces {@code target} with {@code bytes}: owner-only when {@code secret}, else readable by all. */
    static void write(Path target, byte[] bytes, boolean secret) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        FileAttribute<?>[] attrs = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, String.format(".%s", target.getFileName()), ".tmp", attrs);
        try {
            Files.write(tmp, bytes);
            if (POSIX && !secret) {
                Files.setPosixFilePermissions(tmp, WORLD_READABLE);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A properties file (ISO-8859-1, as {@link java.util.Properties#load(java.io.InputStream)} and
     * Kafka's tools read it) with the entries in the given order after a comment line.
     */
    static byte[] properties(String comment, Map<String, String> entries) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(comment).append('\n');
        entries.forEach((k, v) -> s.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** PEM text of a certificate: base64 of its DER encoding in lines of 64 characters. */
    static String pem(X509Certificate certificate) throws CertificateEncodingException {
        Base64.Encoder lines = Base64.getMimeEncoder(64, new byte[] {'\n'});
        return String.format("-----BEGIN CERTIFICATE-----%n%s%n-----END CERTIFICATE-----%n",
                lines.encodeToString(certificate.getEncoded())).replace("\r\n", "\n");
    }

    /** The entries of a properties file. */
    static Map<String, String> readProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            throw new IOException(String.format("%s is not a properties file: %s", file, e.getMessage()), e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    /** An empty PKCS12 key store. */
    static KeyStore newPkcs12() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        return ks;
    }

    /** The bytes of a PKCS12 store protected by {@code password}. */
    static byte[] pkcs12(KeyStore store, char[] password) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password);
        return bytes.toByteArray();
    }

    /** Properties-file escaping: backslashes, separators in keys, leading blanks, and non-ASCII as {@code \\uXXXX}. */
    private static String escape(String text, boolean key) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || (key && (c == '=' || c == ':' || c == ' ')) || (i == 0 && (c == ' ' || c == '#' || c == '!'))) {
                s.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
