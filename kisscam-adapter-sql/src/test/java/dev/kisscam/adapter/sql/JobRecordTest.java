package dev.kisscam.adapter.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.testing.JobStoreContract;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Job records of every format read as the job they stand for: the current one straight, older ones upgraded. */
class JobRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Job job = JobStoreContract.sampleJob(7, new JobState.Queued());

    @Test
    void a_record_of_the_current_format_reads_back_as_the_same_job() throws IOException {
        byte[] bytes = RecordCodec.encode(JobRecord.from(job));

        assertThat(JobRecord.decode(bytes).toDomain()).isEqualTo(job);
    }

    @Test
    void a_record_of_format_3_has_no_direction_and_reads_as_a_gentle_job_without_a_wish() throws IOException {
        ObjectNode tree = tree(job);
        tree.put("format", 3);
        tree.remove("direction");

        JobRecord read = JobRecord.decode(JSON.writeValueAsBytes(tree));

        assertThat(read.format()).isEqualTo(JobRecord.FORMAT);
        assertThat(read.toDomain().direction().style()).isEqualTo(VideoStyle.GENTLE);
        assertThat(read.toDomain().direction().wish()).isEmpty();
        assertThat(read.toDomain().photos()).isEqualTo(job.photos());
    }

    @Test
    void a_record_of_format_1_has_no_photo_digests_either_and_still_reads() throws IOException {
        ObjectNode tree = tree(job);
        tree.put("format", 1);
        tree.remove("direction");
        ((ArrayNode) tree.get("photos")).forEach(photo -> ((ObjectNode) photo).remove("sha256"));

        JobRecord read = JobRecord.decode(JSON.writeValueAsBytes(tree));

        assertThat(read.format()).isEqualTo(JobRecord.FORMAT);
        assertThat(read.toDomain().id()).isEqualTo(job.id());
        assertThat(read.toDomain().photos()).hasSameSizeAs(job.photos());
    }

    @Test
    void a_damaged_record_is_refused_whichever_way_it_is_read() {
        byte[] bytes = RecordCodec.encode(JobRecord.from(job));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 5);
        ObjectNode withoutState = tree(job);
        withoutState.remove("state");

        assertThatThrownBy(() -> JobRecord.decode(cut)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JobRecord.decode(JSON.writeValueAsBytes(withoutState))).isInstanceOf(IOException.class);
    }

    private static ObjectNode tree(Job job) {
        try {
            return (ObjectNode) JSON.readTree(RecordCodec.encode(JobRecord.from(job)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
