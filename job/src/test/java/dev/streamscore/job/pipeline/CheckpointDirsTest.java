package dev.streamscore.job.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointDirsTest {
    @TempDir
    Path dir;

    @Test
    void noDirectoryOrNoCheckpointIsEmpty() throws IOException {
        assertTrue(CheckpointDirs.latestCompleted(dir.resolve("missing")).isEmpty());
        Files.createDirectories(dir.resolve("job1/chk-1"));
        Files.createDirectories(dir.resolve("job1/shared"));
        assertTrue(CheckpointDirs.latestCompleted(dir).isEmpty(), "chk-1 has no _metadata: not completed");
    }

    @Test
    void newestCompletedAcrossJobsWins() throws IOException {
        completed("job-a/chk-7", 1_000);
        completed("job-a/chk-8", 2_000);
        Files.createDirectories(dir.resolve("job-a/chk-9")); // in progress when the process died
        completed("job-b/chk-9", 3_000); // the resumed job, numbering on from the restored checkpoint
        completed("job-b/chk-10", 3_000); // same time: the higher number wins
        Files.createDirectories(dir.resolve("job-b/chk-11"));
        assertEquals(Optional.of(dir.resolve("job-b/chk-10")), CheckpointDirs.latestCompleted(dir));
    }

    @Test
    void timeBeatsNumberAcrossJobs() throws IOException {
        completed("old-job/chk-50", 1_000);
        completed("new-job/chk-3", 5_000);
        assertEquals(Optional.of(dir.resolve("new-job/chk-3")), CheckpointDirs.latestCompleted(dir));
    }

    @Test
    void emptyMetadataIsNotCompleted() throws IOException {
        completed("job-a/chk-4", 1_000);
        Path torn = Files.createDirectories(dir.resolve("job-a/chk-5")).resolve("_metadata");
        Files.write(torn, new byte[0]); // the process died while writing it
        Files.setLastModifiedTime(torn, FileTime.fromMillis(2_000));
        assertEquals(Optional.of(dir.resolve("job-a/chk-4")), CheckpointDirs.latestCompleted(dir));
    }

    private void completed(String chk, long mtime) throws IOException {
        Path meta = Files.createDirectories(dir.resolve(chk)).resolve("_metadata");
        Files.write(meta, new byte[] {1});
        Files.setLastModifiedTime(meta, FileTime.fromMillis(mtime));
    }
}
