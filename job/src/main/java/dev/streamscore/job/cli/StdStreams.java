package dev.streamscore.job.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The streams named by flags, {@code -} meaning standard input or output, whose errors name the
 * flag and the path: {@code cannot write --output /data/out.jsonl: disk full (No space left on device)}.
 * Files are opened by {@link OutputFiles} (outputs) and {@link #input} (the input).
 */
final class StdStreams {
    private StdStreams() {}

    /**
     * {@code path}, or {@code stdin} for {@code -}, unbuffered (the reader buffers). Closing it does
     * not close {@code stdin}. Read only with {@code read}: a FIFO, a pipe or {@code /dev/stdin}
     * works (a buffered stream would ask a pipe's channel for its position: "Illegal seek").
     *
     * @throws CommandFailedException naming the flag and the path when the file cannot be opened
     */
    static InputStream input(String flag, String path, InputStream stdin) {
        if (path.equals("-")) {
            return new Named(new UnclosedInput(stdin), flag, "- (standard input)");
        }
        try {
            return new Named(Files.newInputStream(Path.of(path)), flag, path);
        } catch (IOException e) {
            throw new CommandFailedException(String.format("cannot read --%s %s: %s", flag, path, reason(e)), e);
        }
    }

    /**
     * Standard output or error for an output flag given as {@code -}: the process's own file
     * descriptor when {@code std} is {@link System#out} or {@link System#err}, so that a full disk
     * or a closed pipe is reported as such; else {@code std} itself, whose errors are only known to
     * have happened. Closing it flushes but does not close the descriptor.
     */
    static OutputStream std(String flag, PrintStream std) {
        if (std == System.out || std == System.err) {
            std.flush();
            FileDescriptor fd = std == System.out ? FileDescriptor.out : FileDescriptor.err;
            return named(new FileOutputStream(fd) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            }, flag, std == System.out ? "- (standard output)" : "- (standard error)");
        }
        return named(new Checked(std), flag, "-");
    }

    /** {@code out} with its write errors naming the flag and the path. */
    static OutputStream named(OutputStream out, String flag, String path) {
        return new NamedOutput(out, flag, path);
    }

    /** A short reason for an I/O error: {@code no such file}, {@code permission denied}, {@code disk full (...)}, or the message. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        if (message.contains("No space left on device")) {
            return String.format("disk full (%s)", message);
        }
        if (message.contains("Broken pipe")) {
            return String.format("closed by its reader (%s)", message);
        }
        return message;
    }

    /** An input whose read errors name the flag and the path. */
    private static final class Named extends FilterInputStream {
        private final String flag;
        private final String path;

        Named(InputStream in, String flag, String path) {
            super(in);
            this.flag = flag;
            this.path = path;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new IOException(String.format("cannot read --%s %s: %s", flag, path, reason(e)), e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw new IOException(String.format("cannot read --%s %s: %s", flag, path, reason(e)), e);
            }
        }
    }

    /** An output whose write, flush and close errors name the flag and the path. */
    private static final class NamedOutput extends FilterOutputStream {
        private final String flag;
        private final String path;

        NamedOutput(OutputStream out, String flag, String path) {
            super(out);
            this.flag = flag;
            this.path = path;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private IOException failed(IOException e) {
            return e.getMessage() != null && e.getMessage().startsWith("cannot write --") ? e
                    : new IOException(String.format("cannot write --%s %s: %s", flag, path, reason(e)), e);
        }
    }

    /** A PrintStream (not the process's own) as an OutputStream that reports its errors and is not closed. */
    private static final class Checked extends FilterOutputStream {
        private final PrintStream std;

        Checked(PrintStream std) {
            super(std);
            this.std = std;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            std.write(b, off, len);
            if (std.checkError()) {
                throw new IOException("the stream reported an error (closed or full)");
            }
        }

        @Override
        public void close() throws IOException {
            std.flush();
            if (std.checkError()) {
                throw new IOException("the stream reported an error (closed or full)");
            }
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
