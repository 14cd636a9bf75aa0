package dev.streamscore.job.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Which file a path names: what two flags must not share. */
final class FileIdentity {
    /** Symbolic links followed at most (the kernel's own limit is 40). */
    private static final int MAX_LINKS = 40;
    private static final int FILE_TYPE = 0170000;
    private static final int CHARACTER_DEVICE = 0020000;

    private FileIdentity() {}

    /**
     * The absolute path {@code path} leads to with every symbolic link followed, also when the
     * file (or the target of a link) does not exist yet: then its nearest existing directory is
     * resolved and the rest appended. A loop of links is left as it is (opening it fails).
     */
    static Path resolve(Path path) {
        Path p = path.toAbsolutePath();
        for (int hops = 0; hops < MAX_LINKS; hops++) {
            try {
                if (Files.exists(p)) {
                    return p.toRealPath();
                }
                if (Files.isSymbolicLink(p)) {
                    p = p.resolveSibling(Files.readSymbolicLink(p));
                    continue;
                }
            } catch (IOException e) {
                break;
            }
            Path parent = p.getParent();
            return parent == null ? p.normalize() : resolve(parent).resolve(p.getFileName()).normalize();
        }
        return p.normalize();
    }

    /** The file's key (device and inode on Unix), or null when it cannot be read. */
    static Object key(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** True for a character device such as {@code /dev/null}, which several outputs may share. */
    static boolean isCharacterDevice(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            return mode instanceof Integer m && (m & FILE_TYPE) == CHARACTER_DEVICE;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
