package dev.streamscore.job.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading a small file a flag names (a key, a client properties file, a model to sign), with the
 * one-line reasons every such flag gives: {@code --model-signing-key /etc/k: no such file}.
 */
public final class FlagFiles {
    private FlagFiles() {}

    /** What is done with the file's stream; may throw while reading it. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    /**
     * Opens {@code file} and hands its stream to {@code reader}.
     *
     * @param flag     the flag naming the file, with its dashes, for messages
     * @param expected what the file should be, for a directory's message (e.g. {@code a key file})
     * @throws IllegalArgumentException naming the flag and the file: a directory, no such file, not
     *                                  readable, or any other read error
     */
    public static <T> T read(String flag, Path file, String expected, Reader<T> reader) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(String.format("%s %s: is a directory, expected %s", flag, file, expected));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return reader.read(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(String.format("%s %s: no such file", flag, file), e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(String.format("%s %s: not readable (permission denied)", flag, file), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(String.format("%s %s: cannot read: %s", flag, file, e.getMessage()), e);
        }
    }
}
