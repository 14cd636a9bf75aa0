package dev.streamscore.job.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the checkpoint to resume from in a checkpoint directory laid out by Flink:
 * {@code DIR/<job-id>/chk-<n>/_metadata}. A checkpoint is complete once its {@code _metadata} file
 * exists (Flink writes it last); directories without one, or with an empty one (a checkpoint in
 * progress when the process died), are skipped.
 */
public final class CheckpointDirs {
    private static final Pattern CHK = Pattern.compile("chk-(\\d+)");
    private static final String METADATA = "_metadata";

    private CheckpointDirs() {}

    /**
     * The newest completed checkpoint in {@code dir}, across all job-id subdirectories: the one whose
     * {@code _metadata} was written last, the higher checkpoint number on a tie.
     *
     * @return the {@code chk-<n>} directory, or empty when {@code dir} holds no completed checkpoint
     */
    public static Optional<Path> latestCompleted(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(dir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(CheckpointDirs::completed)
                    .max(Comparator.comparing(CheckpointDirs::metadataTime).thenComparingLong(CheckpointDirs::number));
        }
    }

    private static Stream<Path> completed(Path jobDir) {
        try (Stream<Path> children = Files.list(jobDir)) {
            return children
                    .filter(p -> CHK.matcher(p.getFileName().toString()).matches())
                    .filter(p -> nonEmptyFile(p.resolve(METADATA)))
                    .toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static boolean nonEmptyFile(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static FileTime metadataTime(Path chk) {
        try {
            return Files.getLastModifiedTime(chk.resolve(METADATA));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long number(Path chk) {
        Matcher m = CHK.matcher(chk.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
