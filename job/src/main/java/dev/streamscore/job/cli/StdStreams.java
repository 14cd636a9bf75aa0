package dev.streamscore.job.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the files named by flags, {@code -} meaning standard input or output, with one-line errors. */
final class StdStreams {
    private static final int BUFFER = 64 * 1024;

    private StdStreams() {}

    /** {@code path}, or {@code stdin} for {@code -}; buffered. Closing it does not close {@code stdin}. */
    static InputStream input(String flag, String path, InputStream stdin) {
        if (path.equals("-")) {
            return new BufferedInputStream(new UnclosedInput(stdin), BUFFER);
        }
        try {
            return new BufferedInputStream(Files.newInputStream(Path.of(path)), BUFFER);
        } catch (IOException e) {
            throw new CommandFailedException(String.format("cannot read --%s %s: %s", flag, path, reason(e)), e);
        }
    }

    /**
     * {@code path} (created or truncated), or {@code std} for {@code -}; buffered. Writes to {@code std}
     * fail with an IOException once it reports an error (e.g. a closed pipe); closing flushes but
     * does not close {@code std}.
     */
    static OutputStream output(String flag, String path, PrintStream std) {
        if (path.equals("-")) {
            return new BufferedOutputStream(new Checked(std, flag), BUFFER);
        }
        try {
            return new BufferedOutputStream(Files.newOutputStream(Path.of(path)), BUFFER);
        } catch (IOException e) {
            throw new CommandFailedException(String.format("cannot write --%s %s: %s", flag, path, reason(e)), e);
        }
    }

    /** A short reason for an I/O error: {@code no such file}, {@code permission denied}, or the message. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Standard output or error as an OutputStream that reports errors and is not closed. */
    private static final class Checked extends FilterOutputStream {
        private final PrintStream std;
        private final String flag;

        Checked(PrintStream std, String flag) {
            super(std);
            this.std = std;
            this.flag = flag;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            std.write(b, off, len);
            if (std.checkError()) {
                throw new IOException(String.format("cannot write --%s: the stream was closed (a closed pipe?)", flag));
            }
        }

        @Override
        public void close() {
            std.flush();
        }
    }

    /** Standard input that is not closed with the stream reading it. */
    private static final class UnclosedInput extends FilterInputStream {
        UnclosedInput(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // standard input stays open
        }
    }
}
